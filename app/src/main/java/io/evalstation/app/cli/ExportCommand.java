package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.export.ExportService;
import io.evalstation.persistence.export.ExportService.MetricTable;
import io.evalstation.persistence.export.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evalstation export --out book.xlsx (--metric M [filters] | --session S)}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "An Excel workbook for a paper: with --metric, the leaderboard, pivot and trends sheets;",
      "with --session, that session's tasks and predictions (streamed; any size). Both: all of it.",
      "Every workbook ends with an About sheet (query, filters, database, time)."
    })
public final class ExportCommand extends DatabaseCommand {
  @Mixin AnalyticsFilterOptions filters;

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

  private TimeBucket b;

  @Override
  void checkOptions() {
    if (metric == null && session == null) {
      throw new IllegalArgumentException("export needs --metric, --session or both");
    }
    b = TimeBucket.parse(bucket);
  }

  @Override
  int run(AppContext ctx, PrintWriter term) {
    EvaluationSession s =
        session == null
            ? null
            : ctx.sessions()
                .findByKeyOrId(session)
                .orElseThrow(
                    () -> new CliException(ExitCodes.NOT_FOUND, "no session '" + session + "'"));
    ExportService.Request request =
        new ExportService.Request(
            metric == null ? null : MetricSelector.parse(metric),
            metric == null
                ? List.of()
                : List.of(MetricTable.LEADERBOARD, MetricTable.PIVOT, MetricTable.TRENDS),
            filters.toFilter(),
            b,
            s,
            s != null && predictions);
    ExportService.Result r;
    try {
      r = ctx.exports().export(request, ReportFormat.XLSX, out, ExportService.Listener.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    term.println(
        "wrote "
            + out.toAbsolutePath()
            + (s != null && predictions ? " (" + r.predictions() + " predictions)" : ""));
    term.flush();
    return ExitCodes.OK;
  }
}
