package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.Pivot;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.export.ExportInfo;
import io.evalstation.persistence.export.Reports;
import io.evalstation.persistence.export.XlsxExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalstation export --out book.xlsx (--metric M [filters] | --session S)}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "An Excel workbook for a paper: with --metric, the leaderboard, pivot and trends sheets;",
      "with --session, that session's tasks and predictions (streamed; any size). Both: all of it.",
      "Every workbook ends with an About sheet (query, filters, database, time)."
    })
public final class ExportCommand implements Runnable {
  @Mixin DatabaseOptions db;
  @Mixin AnalyticsFilterOptions filters;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.xlsx",
      description = "The workbook to write (atomically).")
  Path out;

  @Option(
      names = "--metric",
      paramLabel = "METRIC[,FILTER]",
      description = "Leaderboard, pivot and trends of this metric.")
  String metric;

  @Option(
      names = "--session",
      paramLabel = "KEY|ID",
      description = "A session's tasks and predictions.")
  String session;

  @Option(
      names = "--bucket",
      paramLabel = "hour|day|week",
      defaultValue = "day",
      description = "Trend bucket (default ${DEFAULT-VALUE}).")
  String bucket;

  @Option(
      names = "--no-predictions",
      negatable = true,
      description = "Leave the predictions sheet out.")
  boolean predictions = true;

  @Override
  public void run() {
    if (metric == null && session == null) {
      throw new IllegalArgumentException("export needs --metric, --session or both");
    }
    TimeBucket b = TimeBucket.parse(bucket);
    PrintWriter term = spec.commandLine().getOut();
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      Analytics a = ctx.analytics();
      ResultFilter f = filters.toFilter();
      Map<String, String> extra = new LinkedHashMap<>();
      EvaluationSession s = null;
      if (session != null) {
        s =
            ctx.sessions()
                .findByKeyOrId(session)
                .orElseThrow(
                    () -> new CliException(ExitCodes.NOT_FOUND, "no session '" + session + "'"));
        extra.put("Session", s.key() + " (id " + s.id() + ")");
      }
      String query =
          (metric == null ? "" : "leaderboard, pivot and trends of " + metric)
              + (metric != null && s != null ? "; " : "")
              + (s == null
                  ? ""
                  : "tasks" + (predictions ? " and predictions" : "") + " of session " + s.key());
      ExportInfo info =
          new ExportInfo(query, f.describe(), ctx.database().describe(), Instant.now(), extra);
      long rows = 0;
      try (XlsxExport x = new XlsxExport(info)) {
        if (metric != null) {
          MetricSelector m = MetricSelector.parse(metric);
          Leaderboard lb = a.leaderboards().leaderboard(m, f);
          Pivot p = a.pivots().pivot(m, f);
          x.table(Reports.leaderboard(lb))
              .table(Reports.pivot(p))
              .table(Reports.trends(a.trends().trends(b, f, m), lb.metric().toString()));
        }
        if (s != null) {
          long id = s.id();
          x.table(Reports.sessionTasks(a.sessionExports().sessionTasks(id)));
          if (predictions) {
            rows =
                x.predictions(
                    "Predictions", sink -> a.sessionExports().forEachSessionPrediction(id, sink));
          }
        }
        x.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
      }
      term.println(
          "wrote "
              + out.toAbsolutePath()
              + (s != null && predictions ? " (" + rows + " predictions)" : ""));
      term.flush();
    }
  }
}
