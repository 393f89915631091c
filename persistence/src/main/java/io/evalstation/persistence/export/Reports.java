package io.evalstation.persistence.export;

import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.LeaderboardRow;
import io.evalstation.persistence.analytics.PairedComparison;
import io.evalstation.persistence.analytics.Pivot;
import io.evalstation.persistence.analytics.PivotCell;
import io.evalstation.persistence.analytics.SessionTaskRow;
import io.evalstation.persistence.analytics.TrendBucket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns analytics results into {@link ReportTable}s, the one input of every output format. */
public final class Reports {
  private Reports() {}

  private static ReportColumn col(String header, ColumnKind kind) {
    return new ReportColumn(header, kind);
  }

  /** Rank, model, family, specialization, evaluations, mean, sd, se, CI, response time. */
  public static ReportTable leaderboard(Leaderboard lb) {
    List<ReportColumn> cols =
        List.of(
            col("Rank", ColumnKind.INTEGER),
            col("Model", ColumnKind.TEXT),
            col("Family", ColumnKind.TEXT),
            col("Specialization", ColumnKind.TEXT),
            col("Evaluations", ColumnKind.INTEGER),
            col("Mean " + lb.metric(), ColumnKind.DECIMAL),
            col("Std dev", ColumnKind.DECIMAL),
            col("Std err", ColumnKind.DECIMAL),
            col("95% CI low", ColumnKind.DECIMAL),
            col("95% CI high", ColumnKind.DECIMAL),
            col("Avg response (s)", ColumnKind.DECIMAL));
    List<ReportRow> rows = new ArrayList<>();
    for (LeaderboardRow r : lb.rows()) {
      List<Object> v =
          java.util.Arrays.asList(
              r.rank(),
              r.model(),
              nullable(r.family()),
              nullable(r.specialization()),
              r.evaluations(),
              r.mean(),
              nullable(r.stddev()),
              nullable(r.stderr()),
              nullable(r.ciLow()),
              nullable(r.ciHigh()),
              nullable(r.avgResponseTime()));
      rows.add(new ReportRow(v, r.rank() == 1 ? Set.of(5) : Set.of()));
    }
    return new ReportTable("Leaderboard", cols, rows);
  }

  /** Model, then one "mean ± stderr" column per dataset; the best per column in bold. */
  public static ReportTable pivot(Pivot p) {
    List<ReportColumn> cols = new ArrayList<>();
    cols.add(col("Model", ColumnKind.TEXT));
    for (String d : p.datasets()) {
      cols.add(col(d, ColumnKind.MEAN_STDERR));
    }
    List<ReportRow> rows = new ArrayList<>();
    for (String m : p.models()) {
      List<Object> v = new ArrayList<>();
      Set<Integer> bold = new HashSet<>();
      v.add(m);
      for (int i = 0; i < p.datasets().size(); i++) {
        PivotCell c = p.cell(m, p.datasets().get(i)).orElse(null);
        v.add(c == null ? null : new MeanStderr(c.mean(), c.stderr()));
        if (c != null && c.best()) {
          bold.add(i + 1);
        }
      }
      rows.add(new ReportRow(v, bold));
    }
    return new ReportTable("Pivot " + p.metric(), cols, rows);
  }

  /** One row per bucket. */
  public static ReportTable trends(List<TrendBucket> buckets, String metricLabel) {
    List<ReportColumn> cols =
        List.of(
            col("Bucket start (UTC)", ColumnKind.TIMESTAMP),
            col("Sessions", ColumnKind.INTEGER),
            col("Tasks", ColumnKind.INTEGER),
            col("Completed", ColumnKind.INTEGER),
            col("Failed", ColumnKind.INTEGER),
            col("Success rate", ColumnKind.PERCENT),
            col("Avg task (s)", ColumnKind.DECIMAL),
            col("GPU-hours", ColumnKind.DECIMAL),
            col(metricLabel == null ? "Mean metric" : "Mean " + metricLabel, ColumnKind.DECIMAL));
    List<ReportRow> rows = new ArrayList<>();
    for (TrendBucket b : buckets) {
      rows.add(
          new ReportRow(
              new ArrayList<>(
                  java.util.Arrays.asList(
                      b.bucketStart(),
                      b.sessions(),
                      b.tasks(),
                      b.completed(),
                      b.failed(),
                      b.successRate(),
                      b.avgTaskSeconds(),
                      b.gpuHours(),
                      b.meanMetric())),
              Set.of()));
    }
    return new ReportTable("Trends", cols, rows);
  }

  /** The comparison as figure / value lines. */
  public static ReportTable comparison(PairedComparison c) {
    List<ReportColumn> cols =
        List.of(col("Figure", ColumnKind.TEXT), col("Value", ColumnKind.TEXT));
    List<ReportRow> rows = new ArrayList<>();
    rows.add(ReportRow.of("Task A", describe(c.a())));
    rows.add(ReportRow.of("Task B", describe(c.b())));
    rows.add(ReportRow.of("Filter", c.filter()));
    rows.add(ReportRow.of("Aligned by", c.alignment().name().toLowerCase(java.util.Locale.ROOT)));
    rows.add(ReportRow.of("Aligned samples", Integer.toString(c.aligned())));
    rows.add(ReportRow.of("Counted pairs", Integer.toString(c.counted())));
    rows.add(ReportRow.of("Both correct", Integer.toString(c.bothCorrect())));
    rows.add(ReportRow.of("Fixed (A wrong, B right)", Integer.toString(c.fixed())));
    rows.add(ReportRow.of("Regressed (A right, B wrong)", Integer.toString(c.regressed())));
    rows.add(ReportRow.of("Both wrong", Integer.toString(c.bothWrong())));
    rows.add(ReportRow.of("Accuracy A", Formats.decimal(c.accuracyA(), 4)));
    rows.add(ReportRow.of("Accuracy B", Formats.decimal(c.accuracyB(), 4)));
    rows.add(ReportRow.of("Difference B - A", Formats.decimal(c.difference(), 4)));
    rows.add(ReportRow.of("McNemar exact p", Formats.pValue(c.mcnemarP())));
    rows.add(
        ReportRow.of(
            "Bootstrap 95% CI of difference",
            c.bootstrap() == null
                ? "n/a"
                : "["
                    + Formats.decimal(c.bootstrap().low(), 4)
                    + ", "
                    + Formats.decimal(c.bootstrap().high(), 4)
                    + "] ("
                    + c.bootstrapReplicates()
                    + " replicates, seed "
                    + c.bootstrapSeed()
                    + ")"));
    for (String w : c.warnings()) {
      rows.add(ReportRow.of("Warning", w));
    }
    return new ReportTable("Comparison", cols, rows);
  }

  private static String describe(io.evalstation.persistence.analytics.TaskRef t) {
    return "task "
        + t.taskId()
        + " ("
        + t.model()
        + " on "
        + t.dataset()
        + ", session "
        + t.sessionKey()
        + (t.preset() == null ? "" : ", preset " + t.preset())
        + ")";
  }

  /** A session's tasks. */
  public static ReportTable sessionTasks(List<SessionTaskRow> tasks) {
    List<ReportColumn> cols =
        List.of(
            col("Task", ColumnKind.INTEGER),
            col("Model", ColumnKind.TEXT),
            col("Dataset", ColumnKind.TEXT),
            col("Preset", ColumnKind.TEXT),
            col("Sample limit", ColumnKind.INTEGER),
            col("Status", ColumnKind.TEXT),
            col("Start (UTC)", ColumnKind.TIMESTAMP),
            col("End (UTC)", ColumnKind.TIMESTAMP),
            col("Duration (s)", ColumnKind.DECIMAL),
            col("Samples", ColumnKind.INTEGER),
            col("Metrics", ColumnKind.TEXT),
            col("Error", ColumnKind.TEXT));
    List<ReportRow> rows = new ArrayList<>();
    for (SessionTaskRow t : tasks) {
      rows.add(
          new ReportRow(
              java.util.Arrays.asList(
                  t.index(),
                  t.model(),
                  t.dataset(),
                  t.preset(),
                  t.sampleLimit(),
                  t.status(),
                  t.startTime(),
                  t.endTime(),
                  t.durationSeconds(),
                  t.samplesProcessed(),
                  t.metrics(),
                  t.errorMessage()),
              Set.of()));
    }
    return new ReportTable("Tasks", cols, rows);
  }

  private static Object nullable(Object o) {
    return o;
  }
}
