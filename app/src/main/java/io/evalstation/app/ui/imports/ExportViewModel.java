package io.evalstation.app.ui.imports;

import io.evalstation.app.ui.leaderboard.LeaderboardExports;
import io.evalstation.app.ui.leaderboard.LeaderboardViewModel.ExportFormat;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.Progress;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.app.ui.task.TaskHandle;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.analytics.AnalysisChoices;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.export.Reports;
import io.evalstation.persistence.export.XlsxExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Export: a leaderboard, pivot or trends table of one metric, or a session's tasks and predictions,
 * written as xlsx, CSV or LaTeX in the background with progress and cancel. Writes through {@link
 * LeaderboardExports}, the same code the Leaderboard page exports with.
 */
public final class ExportViewModel {
  /** What an export writes. */
  public enum What {
    LEADERBOARD("Leaderboard", true),
    PIVOT("Pivot (models × datasets)", true),
    TRENDS("Trends (by day)", true),
    SESSION("Session tasks + predictions", false);

    private final String label;
    private final boolean needsMetric;

    What(String label, boolean needsMetric) {
      this.label = label;
      this.needsMetric = needsMetric;
    }

    /** A table of one metric (LaTeX possible); else a session's workbook. */
    public boolean needsMetric() {
      return needsMetric;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Lists the sessions one may export; the app's is {@code context.sessions()::listSummaries}. */
  @FunctionalInterface
  public interface SessionList {
    List<SessionSummary> list() throws Exception;
  }

  private record Choices(
      List<MetricSelector> metrics, MetricSelector preferred, List<SessionSummary> sessions) {}

  private final Analytics data;
  private final SessionList sessionList;
  private final LeaderboardExports writer;
  private final TaskExecutor tasks;

  private final ObservableList<MetricSelector> metrics = FXCollections.observableArrayList();
  private final ObservableList<SessionSummary> sessions = FXCollections.observableArrayList();
  private final ObjectProperty<What> what = new SimpleObjectProperty<>(What.LEADERBOARD);
  private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(ExportFormat.XLSX);
  private final ObjectProperty<MetricSelector> metric = new SimpleObjectProperty<>();
  private final ObjectProperty<SessionSummary> session = new SimpleObjectProperty<>();
  private final ObjectProperty<Path> target = new SimpleObjectProperty<>();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private TaskHandle handle;

  public ExportViewModel(
      Analytics data, SessionList sessionList, LeaderboardExports writer, TaskExecutor tasks) {
    this.data = data;
    this.sessionList = sessionList;
    this.writer = writer;
    this.tasks = tasks;
  }

  /** Re-reads the metrics and sessions one can export. */
  public void refresh() {
    BackgroundTask.of(
            "Loading export choices",
            p -> {
              AnalysisChoices c = data.choices().all();
              return new Choices(c.metrics(), c.preferredMetric(), sessionList.list());
            })
        .onSuccess(
            c -> {
              metrics.setAll(c.metrics());
              if (metric.get() == null || !c.metrics().contains(metric.get())) {
                metric.set(
                    c.preferred() != null && c.metrics().contains(c.preferred())
                        ? c.preferred()
                        : c.metrics().isEmpty() ? null : c.metrics().get(0));
              }
              sessions.setAll(c.sessions());
              if (session.get() == null && !c.sessions().isEmpty()) {
                session.set(c.sessions().get(0));
              }
            })
        .onFailure(e -> status.set("Cannot read what to export: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** Why the chosen export cannot run, or null when it can. */
  public String problem() {
    What w = what.get();
    if (w == null || format.get() == null) {
      return "Choose what to export and a format.";
    }
    if (w.needsMetric() && metric.get() == null) {
      return "Choose a metric (import results first).";
    }
    if (!w.needsMetric() && session.get() == null) {
      return "Choose a session.";
    }
    if (!w.needsMetric() && format.get() == ExportFormat.LATEX) {
      return "LaTeX is for tables; export a session as xlsx or CSV.";
    }
    if (target.get() == null) {
      return "Choose a file to write.";
    }
    return null;
  }

  /** Writes the chosen export to the target file in the background. */
  public void export() {
    if (running.get()) {
      return;
    }
    String problem = problem();
    if (problem != null) {
      status.set(problem);
      return;
    }
    What w = what.get();
    ExportFormat f = format.get();
    MetricSelector m = metric.get();
    SessionSummary s = session.get();
    Path file = target.get();
    running.set(true);
    progress.set(-1);
    status.set("Writing " + file.getFileName() + " …");
    handle =
        BackgroundTask.of("Exporting to " + file.getFileName(), p -> write(p, w, f, m, s, file))
            .onSuccess(
                written -> {
                  ended(1);
                  status.set("Wrote " + written);
                })
            .onFailure(
                e -> {
                  ended(0);
                  status.set("Export failed: " + e.getMessage());
                })
            .onCancelled(
                () -> {
                  ended(0);
                  status.set("Export cancelled: no file was written.");
                })
            .executeWith(tasks);
    if (running.get()) {
      progress.bind(handle.progressProperty());
      status.bind(handle.messageProperty());
    }
  }

  private void ended(double done) {
    progress.unbind();
    status.unbind();
    running.set(false);
    progress.set(done);
  }

  private Path write(
      Progress p, What w, ExportFormat f, MetricSelector m, SessionSummary s, Path file)
      throws Exception {
    ResultFilter all = ResultFilter.all();
    p.update(0, 2, "Querying …");
    switch (w) {
      case LEADERBOARD -> {
        Leaderboard board = data.leaderboards().leaderboard(m, all);
        p.update(1, 2, "Writing " + file.getFileName());
        writer.write(board, f, file);
      }
      case PIVOT -> {
        var pivot = data.pivots().pivot(m, all);
        p.update(1, 2, "Writing " + file.getFileName());
        writer.writeTable(Reports.pivot(pivot), "pivot of " + m, all.describe(), f, file);
      }
      case TRENDS -> {
        var trends = data.trends().trends(TimeBucket.DAY, all, m);
        p.update(1, 2, "Writing " + file.getFileName());
        writer.writeTable(
            Reports.trends(trends, m.toString()), "trends of " + m, all.describe(), f, file);
      }
      case SESSION -> writeSession(p, s, f, file);
    }
    p.update(2, 2, "Wrote " + file.getFileName());
    return file;
  }

  private void writeSession(Progress p, SessionSummary s, ExportFormat f, Path file)
      throws Exception {
    long id = s.session().id();
    String key = s.session().key();
    var table = Reports.sessionTasks(data.sessionExports().sessionTasks(id));
    if (f != ExportFormat.XLSX) {
      p.update(1, 2, "Writing " + file.getFileName());
      writer.writeTable(table, "tasks of session " + key, "", f, file);
      return;
    }
    try (XlsxExport x =
        new XlsxExport(
            writer.info(
                "tasks and predictions of session " + key,
                "",
                Map.of("Session", key + " (id " + id + ")")))) {
      x.table(table);
      long[] n = {0};
      x.predictions(
          "Predictions",
          sink ->
              data.sessionExports()
                  .forEachSessionPrediction(
                      id,
                      row -> {
                        // Stop streaming as soon as the researcher cancels; the target is
                        // untouched.
                        if (p.isCancelled()) {
                          throw new CancellationException("export cancelled");
                        }
                        sink.accept(row);
                        if (++n[0] % 5000 == 0) {
                          p.update(1, 2, String.format("%,d predictions …", n[0]));
                        }
                      }));
      p.update(1, 2, "Writing " + file.getFileName());
      x.writeTo(file);
    }
  }

  /** Stops the running export; nothing is written to the target. */
  public void cancel() {
    if (handle != null) {
      handle.cancel();
    }
  }

  /**
   * "Export current view": preselects the export matching the page shown before ("leaderboard",
   * "trends", "compare" → pivot) with that page's metric; other pages change nothing.
   *
   * @param viewMetric the metric that page shows, or null to keep the chosen one
   * @return whether a preselection was made
   */
  public boolean preselectFor(String pageId, MetricSelector viewMetric) {
    What w =
        switch (pageId == null ? "" : pageId) {
          case "leaderboard" -> What.LEADERBOARD;
          case "trends" -> What.TRENDS;
          case "compare" -> What.PIVOT;
          default -> null;
        };
    if (w == null) {
      return false;
    }
    what.set(w);
    if (viewMetric != null) {
      metric.set(viewMetric);
    }
    if (format.get() == null) {
      format.set(ExportFormat.XLSX);
    }
    return true;
  }

  public ObservableList<MetricSelector> metrics() {
    return metrics;
  }

  public ObservableList<SessionSummary> sessions() {
    return sessions;
  }

  public ObjectProperty<What> whatProperty() {
    return what;
  }

  public ObjectProperty<ExportFormat> formatProperty() {
    return format;
  }

  public ObjectProperty<MetricSelector> metricProperty() {
    return metric;
  }

  public ObjectProperty<SessionSummary> sessionProperty() {
    return session;
  }

  public ObjectProperty<Path> targetProperty() {
    return target;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }
}
