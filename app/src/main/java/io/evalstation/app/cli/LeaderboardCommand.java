package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.export.Report;
import io.evalstation.persistence.export.Reports;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evalstation leaderboard --metric M [filters] [--format F] [--out FILE]}. */
@Command(
    name = "leaderboard",
    mixinStandardHelpOptions = true,
    description = {
      "Models ranked by a metric: evaluations, mean, std dev, std err, 95% CI, response time.",
      "Ties share a rank; lower-is-better metrics (perplexity) rank ascending."
    })
public final class LeaderboardCommand extends DatabaseCommand {
  @Mixin AnalyticsFilterOptions filters;
  @Mixin OutputOptions output;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC[,FILTER]",
      description = "acc_norm (its default filter), exact_match,strict-match, pass@1 …")
  String metric;

  @Override
  int run(AppContext ctx, PrintWriter out) {
    ResultFilter f = filters.toFilter();
    Leaderboard lb = ctx.analytics().leaderboards().leaderboard(MetricSelector.parse(metric), f);
    String query =
        "leaderboard of " + lb.metric() + (lb.higherIsBetter() ? "" : " (lower is better)");
    output.emit(
        out,
        new Report(
            Reports.leaderboard(lb),
            lb,
            ctx.exports().info(query, f.describe()),
            "Leaderboard by " + lb.metric()));
    return ExitCodes.OK;
  }
}
