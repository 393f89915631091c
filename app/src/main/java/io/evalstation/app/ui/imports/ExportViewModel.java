package io.evalstation.app.ui.imports;

import io.evalstation.app.ui.analysis.MetricChoice;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.Progress;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.app.ui.task.WorkProgress;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.analytics.AnalysisChoices;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.export.ExportService;
import io.evalstation.persistence.export.ExportService.MetricTable;
import io.evalstation.persistence.export.ReportFormat;
import io.evalstation.persistence.repo.SessionRepository;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Export: a leaderboard, pivot or trends table of one metric, or a session's tasks and predictions,
 * written as xlsx, CSV or LaTeX in the background with progress and cancel. Writes through {@link
 * ExportService}, as the Leaderboard page and {@code evalstation export} do.
 */
public final class ExportViewModel {
  /** What an export writes. */
  public enum What {
    LEADERBOARD("Leaderboard", MetricTable.LEADERBOARD),
    PIVOT("Pivot (models × datasets)", MetricTable.PIVOT),
    TRENDS("Trends (by day)", MetricTable.TRENDS),
    SESSION("Session tasks + predictions", null);

    private final String label;
    private final MetricTable table;

    What(String label, MetricTable table) {
      this.label = label;
      this.table = table;
    }

    /** A table of one metric (LaTeX possible); else a session's workbook. */
    public boolean needsMetric() {
      return table != null;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private record Choices(AnalysisChoices analysis, List<SessionSummary> sessions) {}

  private final Analytics data;
  private final SessionRepository sessionReads;
  private final ExportService exporter;
  private final TaskExecutor tasks;

  private final ObservableList<SessionSummary> sessions = FXCollections.observableArrayList();
  private final ObjectProperty<What> what = new SimpleObjectProperty<>(What.LEADERBOARD);
  private final ObjectProperty<ReportFormat> format = new SimpleObjectProperty<>(ReportFormat.XLSX);
  private final MetricChoice metric = new MetricChoice();
  private final ObjectProperty<SessionSummary> session = new SimpleObjectProperty<>();
  private final ObjectProperty<Path> target = new SimpleObjectProperty<>();
  private final WorkProgress work = new WorkProgress();

  public ExportViewModel(
      Analytics data, SessionRepository sessionReads, ExportService exporter, TaskExecutor tasks) {
    this.data = data;
    this.sessionReads = sessionReads;
    this.exporter = exporter;
    this.tasks = tasks;
  }

  /** Re-reads the metrics and sessions one can export. */
  public void refresh() {
    BackgroundTask.of(
            "Loading export choices",
            p -> new Choices(data.choices().all(), sessionReads.listSummaries()))
        .onSuccess(
            c -> {
              metric.offer(c.analysis());
              sessions.setAll(c.sessions());
              if (session.get() == null && !c.sessions().isEmpty()) {
                session.set(c.sessions().get(0));
              }
            })
        .onFailure(e -> work.say("Cannot read what to export: " + e.getMessage()))
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
    if (!w.needsMetric() && format.get() == ReportFormat.LATEX) {
      return "LaTeX is for tables; export a session as xlsx or CSV.";
    }
    if (target.get() == null) {
      return "Choose a file to write.";
    }
    return null;
  }

  /** Writes the chosen export to the target file in the background. */
  public void export() {
    if (work.isRunning()) {
      return;
    }
    String problem = problem();
    if (problem != null) {
      work.say(problem);
      return;
    }
    What w = what.get();
    ReportFormat f = format.get();
    MetricSelector m = metric.get();
    SessionSummary s = session.get();
    Path file = target.get();
    work.start(
        "Writing " + file.getFileName() + " …",
        BackgroundTask.of("Exporting to " + file.getFileName(), p -> write(p, w, f, m, s, file))
            .onSuccess(written -> work.ended(1, "Wrote " + written))
            .onFailure(e -> work.ended(0, "Export failed: " + e.getMessage()))
            .onCancelled(() -> work.ended(0, "Export cancelled: no file was written.")),
        tasks);
  }

  private Path write(
      Progress p, What w, ReportFormat f, MetricSelector m, SessionSummary s, Path file)
      throws Exception {
    ExportService.Request request =
        w == What.SESSION
            // A workbook holds the predictions too; CSV holds the tasks' table alone.
            ? ExportService.Request.session(s.session(), f == ReportFormat.XLSX)
            : ExportService.Request.of(m, ResultFilter.all(), TimeBucket.DAY, w.table);
    exporter.export(
        request,
        f,
        file,
        new ExportService.Listener() {
          @Override
          public void stage(int done, String message) {
            p.update(done, 2, message);
          }

          @Override
          public boolean cancelled() {
            return p.isCancelled();
          }
        });
    p.update(2, 2, "Wrote " + file.getFileName());
    return file;
  }

  /** Stops the running export; nothing is written to the target. */
  public void cancel() {
    work.cancel();
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
      metric.metricProperty().set(viewMetric);
    }
    if (format.get() == null) {
      format.set(ReportFormat.XLSX);
    }
    return true;
  }

  public ObservableList<MetricSelector> metrics() {
    return metric.metricsProperty();
  }

  public ObservableList<SessionSummary> sessions() {
    return sessions;
  }

  public ObjectProperty<What> whatProperty() {
    return what;
  }

  public ObjectProperty<ReportFormat> formatProperty() {
    return format;
  }

  public ObjectProperty<MetricSelector> metricProperty() {
    return metric.metricProperty();
  }

  public ObjectProperty<SessionSummary> sessionProperty() {
    return session;
  }

  public ObjectProperty<Path> targetProperty() {
    return target;
  }

  /** The export running or how the last one ended. */
  public WorkProgress work() {
    return work;
  }
}
