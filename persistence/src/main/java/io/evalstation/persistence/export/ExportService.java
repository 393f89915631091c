package io.evalstation.persistence.export;

import io.evalstation.model.EvaluationSession;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Every export of analytics results, for the command line ({@code evalstation export} and the
 * analytics verbs' {@code --format}) and the desktop (the Leaderboard's export buttons, the Import
 * / Export page) alike: it reads what a {@link Request} asks for and writes it through {@link
 * ReportWriter} — a workbook of one metric's leaderboard, pivot and trends and/or a session's tasks
 * and streamed predictions, or one of those tables as CSV or LaTeX.
 */
public final class ExportService {
  /** The tables of one metric an export can hold, in the order a workbook holds them. */
  public enum MetricTable {
    LEADERBOARD,
    PIVOT,
    TRENDS;

    String noun() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What an export holds.
   *
   * @param metric the metric of the metric tables; null when there are none
   * @param tables which tables of the metric
   * @param filter the filter of the metric tables; null for none (and no filters in the About
   *     sheet)
   * @param bucket the width of the trends' buckets
   * @param session a session whose tasks are exported, or null
   * @param predictions whether the session's predictions are streamed too (workbooks only)
   */
  public record Request(
      MetricSelector metric,
      List<MetricTable> tables,
      ResultFilter filter,
      TimeBucket bucket,
      EvaluationSession session,
      boolean predictions) {
    public Request {
      tables = tables == null ? List.of() : List.copyOf(tables);
      if (!tables.isEmpty() && metric == null) {
        throw new IllegalArgumentException("the tables " + tables + " need a metric");
      }
      if (tables.isEmpty() && session == null) {
        throw new IllegalArgumentException("an export needs a metric's tables or a session");
      }
      if (predictions && session == null) {
        throw new IllegalArgumentException("predictions are exported with their session");
      }
      bucket = bucket == null ? TimeBucket.DAY : bucket;
    }

    /** Tables of one metric under a filter. */
    public static Request of(
        MetricSelector metric, ResultFilter filter, TimeBucket bucket, MetricTable... tables) {
      return new Request(metric, List.of(tables), filter, bucket, null, false);
    }

    /** A session's tasks, and its predictions when asked. */
    public static Request session(EvaluationSession session, boolean predictions) {
      return new Request(null, List.of(), null, null, session, predictions);
    }

    /** This request with a session's tasks (and predictions) added. */
    public Request withSession(EvaluationSession s, boolean withPredictions) {
      return new Request(metric, tables, filter, bucket, s, withPredictions);
    }

    /** How many tables the export has (the predictions not counted). */
    int tableCount() {
      return tables.size() + (session == null ? 0 : 1);
    }

    /**
     * What the export answers, for the About sheet and the LaTeX caption: "leaderboard, pivot and
     * trends of exact_match; tasks and predictions of session 20250919_042241".
     */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (!tables.isEmpty()) {
        parts.add(
            joined(tables.stream().map(MetricTable::noun).toList()) + " of " + metric.toString());
      }
      if (session != null) {
        parts.add(
            "tasks" + (predictions ? " and predictions" : "") + " of session " + session.key());
      }
      return String.join("; ", parts);
    }

    private static String joined(List<String> words) {
      int n = words.size();
      return n == 1
          ? words.get(0)
          : String.join(", ", words.subList(0, n - 1)) + " and " + words.get(n - 1);
    }
  }

  /** Follows an export: its stages and the rows streamed; may cancel it. */
  public interface Listener {
    /** Nothing followed, never cancelled. */
    Listener NONE = new Listener() {};

    /**
     * A stage begins: {@code done} of 2 (0 querying, 1 writing) with what it does ("Writing
     * book.xlsx", "10,000 predictions …").
     */
    default void stage(int done, String message) {}

    /** True once the export should stop; nothing is then written to the target. */
    default boolean cancelled() {
      return false;
    }
  }

  /**
   * What an export wrote.
   *
   * @param file the file
   * @param predictions how many predictions were streamed into it
   */
  public record Result(Path file, long predictions) {}

  private static final int PROGRESS_EVERY = 5000;

  private final Analytics analytics;
  private final String database;
  private final Clock clock;

  /**
   * @param database the database's description, recorded in every workbook's About sheet
   */
  public ExportService(Analytics analytics, String database, Clock clock) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
    this.database = database;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reads and writes what {@code request} asks for.
   *
   * @throws IllegalArgumentException when the format cannot hold it (CSV and LaTeX hold one table)
   * @throws CancellationException when the listener cancelled it; the target is then untouched
   */
  public Result export(Request request, ReportFormat format, Path file, Listener listener)
      throws IOException {
    if (format != ReportFormat.XLSX && (request.tableCount() != 1 || request.predictions())) {
      throw new IllegalArgumentException(
          format.label() + " holds one table; " + request.describe() + " needs a workbook");
    }
    String name = file.getFileName().toString();
    listener.stage(0, "Querying …");
    List<ReportTable> tables = new ArrayList<>();
    for (MetricTable t : request.tables()) {
      tables.add(table(t, request));
    }
    Long sessionId = request.session() == null ? null : request.session().id();
    if (sessionId != null) {
      tables.add(Reports.sessionTasks(analytics.sessionExports().sessionTasks(sessionId)));
    }
    String query = request.describe();
    String filters = request.filter() == null ? "" : request.filter().describe();
    Map<String, String> extra =
        request.session() == null
            ? Map.of()
            : Map.of("Session", request.session().key() + " (id " + sessionId + ")");
    ExportInfo info = new ExportInfo(query, filters, database, clock.instant(), extra);
    if (format != ReportFormat.XLSX) {
      listener.stage(1, "Writing " + name);
      ReportWriter.write(new Report(tables.get(0), null, info, capitalised(query)), format, file);
      return new Result(file, 0);
    }
    long predictions = 0;
    try (XlsxExport x = new XlsxExport(info)) {
      tables.forEach(x::table);
      if (request.predictions()) {
        long[] n = {0};
        predictions =
            x.predictions(
                "Predictions",
                sink ->
                    analytics
                        .sessionExports()
                        .forEachSessionPrediction(
                            sessionId,
                            row -> {
                              // Stop streaming as soon as the researcher cancels.
                              if (listener.cancelled()) {
                                throw new CancellationException("export cancelled");
                              }
                              sink.accept(row);
                              if (++n[0] % PROGRESS_EVERY == 0) {
                                listener.stage(1, String.format("%,d predictions …", n[0]));
                              }
                            }));
      }
      listener.stage(1, "Writing " + name);
      x.writeTo(file);
    }
    return new Result(file, predictions);
  }

  private ReportTable table(MetricTable t, Request r) {
    ResultFilter f = r.filter() == null ? ResultFilter.all() : r.filter();
    return switch (t) {
      case LEADERBOARD -> Reports.leaderboard(analytics.leaderboards().leaderboard(r.metric(), f));
      case PIVOT -> Reports.pivot(analytics.pivots().pivot(r.metric(), f));
      case TRENDS ->
          Reports.trends(
              analytics.trends().trends(r.bucket(), f, r.metric()), r.metric().toString());
    };
  }

  /** Writes a leaderboard as it is shown (its own filter), in any file format. */
  public void writeLeaderboard(Leaderboard board, ReportFormat format, Path file)
      throws IOException {
    String query = "leaderboard of " + board.metric();
    ReportWriter.write(
        new Report(
            Reports.leaderboard(board),
            board,
            info(query, board.filter().describe()),
            capitalised(query)),
        format,
        file);
  }

  /** What an export of {@code query} under {@code filters} records about itself, as of now. */
  public ExportInfo info(String query, String filters) {
    return new ExportInfo(query, filters, database, clock.instant(), Map.of());
  }

  private static String capitalised(String query) {
    return query.isEmpty() ? query : Character.toUpperCase(query.charAt(0)) + query.substring(1);
  }
}
