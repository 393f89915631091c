package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.analytics.TrendBucket;
import io.evalstation.persistence.export.ExportInfo;
import io.evalstation.persistence.export.Reports;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalstation trends --bucket day [--metric M] [filters]}. */
@Command(
    name = "trends",
    mixinStandardHelpOptions = true,
    description = {
      "Sessions, tasks, success rate, mean task duration, GPU-hours (and a metric's mean) per hour,",
      "day or week (UTC). GPU-hours use the task's or session's provenance 'gpus', else 1 GPU."
    })
public final class TrendsCommand implements Runnable {
  @Mixin DatabaseOptions db;
  @Mixin AnalyticsFilterOptions filters;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

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

  @Override
  public void run() {
    TimeBucket b = TimeBucket.parse(bucket);
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      ResultFilter f = filters.toFilter();
      MetricSelector m = metric == null ? null : MetricSelector.parse(metric);
      List<TrendBucket> t = ctx.analytics().trends().trends(b, f, m);
      ExportInfo info =
          new ExportInfo(
              "trends per " + b.sqlUnit() + (m == null ? "" : " with mean " + m),
              f.describe(),
              ctx.database().describe(),
              Instant.now(),
              Map.of());
      output.emit(
          spec.commandLine().getOut(),
          Reports.trends(t, m == null ? null : m.toString()),
          t,
          info,
          "Evaluations per " + b.sqlUnit());
    }
  }
}
