package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.Pivot;
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

/** {@code evalstation pivot --metric M [filters]}: models × datasets, mean ± stderr. */
@Command(
    name = "pivot",
    mixinStandardHelpOptions = true,
    description = {
      "Models x datasets for one metric: mean ± stderr, the best per dataset marked (* / bold).",
      "Also the cross-dataset comparison (use --format csv or json for mean and count)."
    })
public final class PivotCommand implements Runnable {
  @Mixin DatabaseOptions db;
  @Mixin AnalyticsFilterOptions filters;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC[,FILTER]",
      description = "The metric.")
  String metric;

  @Override
  public void run() {
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      ResultFilter f = filters.toFilter();
      Pivot p = ctx.analytics().pivots().pivot(MetricSelector.parse(metric), f);
      ExportInfo info =
          new ExportInfo(
              "pivot of " + p.metric(),
              f.describe(),
              ctx.database().describe(),
              Instant.now(),
              Map.of());
      output.emit(
          spec.commandLine().getOut(), Reports.pivot(p), p, info, p.metric() + " per dataset");
    }
  }
}
