package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.analytics.TrendBucket;
import io.evalstation.persistence.export.Report;
import io.evalstation.persistence.export.Reports;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evalstation trends --bucket day [--metric M] [filters]}. */
@Command(
    name = "trends",
    mixinStandardHelpOptions = true,
    description = {
      "Sessions, tasks, success rate, mean task duration, GPU-hours (and a metric's mean) per hour,",
      "day or week (UTC). GPU-hours use the task's or session's provenance 'gpus', else 1 GPU."
    })
public final class TrendsCommand extends DatabaseCommand {
  @Mixin AnalyticsFilterOptions filters;
  @Mixin OutputOptions output;

  @Option(
      names = "--bucket",
      paramLabel = "hour|day|week",
      defaultValue = "day",
      description = "Bucket width (default ${DEFAULT-VALUE}).")
  String bucket;

  @Option(
      names = "--metric",
      paramLabel = "METRIC[,FILTER]",
      description = "Also average this metric.")
  String metric;

  private TimeBucket b;

  @Override
  void checkOptions() {
    b = TimeBucket.parse(bucket);
  }

  @Override
  int run(AppContext ctx, PrintWriter out) {
    ResultFilter f = filters.toFilter();
    MetricSelector m = metric == null ? null : MetricSelector.parse(metric);
    List<TrendBucket> t = ctx.analytics().trends().trends(b, f, m);
    String query = "trends per " + b.sqlUnit() + (m == null ? "" : " with mean " + m);
    output.emit(
        out,
        new Report(
            Reports.trends(t, m == null ? null : m.toString()),
            t,
            ctx.exports().info(query, f.describe()),
            "Evaluations per " + b.sqlUnit()));
    return ExitCodes.OK;
  }
}
