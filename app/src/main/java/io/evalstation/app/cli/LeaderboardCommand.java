package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.export.ExportInfo;
import io.evalstation.persistence.export.Reports;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalstation leaderboard --metric M [filters] [--format F] [--out FILE]}. */
@Command(
    name = "leaderboard",
    mixinStandardHelpOptions = true,
    description = {
      "Models ranked by a metric: evaluations, mean, std dev, std err, 95% CI, response time.",
      "Ties share a rank; lower-is-better metrics (perplexity) rank ascending."
    })
public final class LeaderboardCommand implements Runnable {
  @Mixin DatabaseOptions db;
  @Mixin AnalyticsFilterOptions filters;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC[,FILTER]",
      description = "acc_norm (its default filter), exact_match,strict-match, pass@1 …")
  String metric;

  @Override
  public void run() {
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      ResultFilter f = filters.toFilter();
      Leaderboard lb = ctx.analytics().leaderboards().leaderboard(MetricSelector.parse(metric), f);
      ExportInfo info =
          new ExportInfo(
              "leaderboard of " + lb.metric() + (lb.higherIsBetter() ? "" : " (lower is better)"),
              f.describe(),
              ctx.database().describe(),
              Instant.now(),
              Map.of());
      output.emit(
          spec.commandLine().getOut(),
          Reports.leaderboard(lb),
          lb,
          info,
          "Leaderboard by " + lb.metric());
    }
  }
}
