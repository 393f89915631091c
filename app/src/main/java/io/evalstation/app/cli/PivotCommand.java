package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.Pivot;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.export.Report;
import io.evalstation.persistence.export.Reports;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evalstation pivot --metric M [filters]}: models × datasets, mean ± stderr. */
@Command(
    name = "pivot",
    mixinStandardHelpOptions = true,
    description = {
      "Models x datasets for one metric: mean ± stderr, the best per dataset marked (* / bold).",
      "Also the cross-dataset comparison (use --format csv or json for mean and count)."
    })
public final class PivotCommand extends DatabaseCommand {
  @Mixin AnalyticsFilterOptions filters;
  @Mixin OutputOptions output;

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "METRIC[,FILTER]",
      description = "The metric.")
  String metric;

  @Override
  int run(AppContext ctx, PrintWriter out) {
    ResultFilter f = filters.toFilter();
    Pivot p = ctx.analytics().pivots().pivot(MetricSelector.parse(metric), f);
    output.emit(
        out,
        new Report(
            Reports.pivot(p),
            p,
            ctx.exports().info("pivot of " + p.metric(), f.describe()),
            p.metric() + " per dataset"));
    return ExitCodes.OK;
  }
}
