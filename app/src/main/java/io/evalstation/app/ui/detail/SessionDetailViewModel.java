package io.evalstation.app.ui.detail;

import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.SessionSummary;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.repo.KeyResultRepository;
import io.evalstation.persistence.repo.KeyResultRepository.TaskRow;
import io.evalstation.persistence.repo.PerformanceRepository;
import io.evalstation.persistence.repo.PerformanceRepository.PerfPoint;
import io.evalstation.persistence.repo.SessionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One session: its tasks with progress and durations, the selected task's log, the session's
 * performance and provenance. Durations grow with {@link #tick}, which reads nothing.
 */
public final class SessionDetailViewModel {
  /** Why cancel and resubmit are not available in this build. */
  public static final String CONTROL_UNAVAILABLE =
      "Cancel and resubmit need the cluster control service, which this build does not have yet.";

  /** Cancel and resubmit on the cluster (the app's is the orchestration ControlService). */
  public interface SessionControl {
    /** Cancels the session's unfinished tasks and their jobs. */
    void cancelSession(long sessionId) throws Exception;

    /** Submits the session's failed tasks again. */
    void resubmitFailed(long sessionId) throws Exception;
  }

  /** The stored tail of a task's job log ("" when none is stored). */
  @FunctionalInterface
  public interface LogSource {
    String log(long taskId) throws Exception;
  }

  private final SessionRepository sessions;
  private final KeyResultRepository keyResults;
  private final PerformanceRepository perf;
  private final TaskExecutor tasks;
  private final ReadOnlyObjectWrapper<Long> sessionId = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<SessionSummary> summary = new ReadOnlyObjectWrapper<>();
  private final ObservableList<TaskRow> rows = FXCollections.observableArrayList();
  private final ObservableList<PerfPoint> performance = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper provenance = new ReadOnlyStringWrapper("");
  private final ObjectProperty<TaskRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper log = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<Instant> clock = new ReadOnlyObjectWrapper<>(Instant.now());
  private final ReadOnlyBooleanWrapper controlAvailable = new ReadOnlyBooleanWrapper(false);

  private final SessionControl control;
  private final LogSource logs;
  private final ReadOnlyStringWrapper actionResult = new ReadOnlyStringWrapper("");

  /** Without cluster control or stored logs (tests of the read side). */
  public SessionDetailViewModel(
      SessionRepository sessions,
      KeyResultRepository keyResults,
      PerformanceRepository perf,
      TaskExecutor tasks) {
    this(sessions, keyResults, perf, tasks, null, id -> "");
  }

  /**
   * @param control cancel and resubmit, or null when no cluster service is available
   * @param logs the stored job logs
   */
  public SessionDetailViewModel(
      SessionRepository sessions,
      KeyResultRepository keyResults,
      PerformanceRepository perf,
      TaskExecutor tasks,
      SessionControl control,
      LogSource logs) {
    this.sessions = sessions;
    this.keyResults = keyResults;
    this.perf = perf;
    this.tasks = tasks;
    this.control = control;
    this.logs = logs;
    controlAvailable.set(control != null);
    selected.addListener((o, a, b) -> loadLog(b));
  }

  private void loadLog(TaskRow row) {
    log.set(logOf(row, ""));
    if (row == null) {
      return;
    }
    BackgroundTask.of("Reading the job log", p -> logs.log(row.task().id()))
        .onSuccess(
            text -> {
              if (selected.get() == row && text != null && !text.isEmpty()) {
                log.set(logOf(row, text));
              }
            })
        .onFailure(e -> error.set("Cannot read the job log: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** Cancels the shown session on its cluster. */
  public void cancelSession() {
    act("Cancelling the session", "Session cancelled", c -> c.cancelSession(sessionId.get()));
  }

  /** Resubmits the shown session's failed tasks. */
  public void resubmitFailed() {
    act(
        "Resubmitting failed tasks",
        "Failed tasks resubmitted",
        c -> c.resubmitFailed(sessionId.get()));
  }

  private interface Action {
    void run(SessionControl c) throws Exception;
  }

  private void act(String title, String done, Action action) {
    if (control == null || sessionId.get() == null) {
      return;
    }
    actionResult.set(title + "…");
    BackgroundTask.of(
            title,
            p -> {
              action.run(control);
              return null;
            })
        .onSuccess(
            x -> {
              actionResult.set(done);
              refresh();
            })
        .onFailure(e -> actionResult.set(title + " failed: " + e.getMessage()))
        .executeWith(tasks);
  }

  public ReadOnlyStringProperty actionResultProperty() {
    return actionResult.getReadOnlyProperty();
  }

  private record Loaded(
      SessionSummary summary, List<TaskRow> rows, List<PerfPoint> perf, String provenance) {}

  /** Shows a session. */
  public void open(long id) {
    sessionId.set(id);
    refresh();
  }

  /** Re-reads the shown session; with none chosen yet, shows the newest. */
  public void refresh() {
    Long id = sessionId.get();
    BackgroundTask.of(
            "Reading session",
            p -> {
              Optional<SessionSummary> s =
                  id == null
                      ? sessions.recentSummaries(1).stream().findFirst()
                      : sessions.summary(id);
              if (s.isEmpty()) {
                return null;
              }
              long sid = s.get().session().id();
              return new Loaded(
                  s.get(),
                  keyResults.sessionTasks(sid),
                  perf.recent(sid, 30),
                  sessions.provenance(sid));
            })
        .onSuccess(this::show)
        .onFailure(e -> error.set("Cannot read the session: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void show(Loaded loaded) {
    if (loaded == null) {
      summary.set(null);
      rows.clear();
      performance.clear();
      provenance.set("");
      error.set(null);
      return;
    }
    Long keep = selected.get() == null ? null : selected.get().task().id();
    sessionId.set(loaded.summary().session().id());
    summary.set(loaded.summary());
    rows.setAll(loaded.rows());
    performance.setAll(loaded.perf());
    provenance.set(loaded.provenance());
    error.set(null);
    TaskRow again =
        loaded.rows().stream()
            .filter(r -> keep != null && r.task().id() == keep)
            .findFirst()
            .orElse(loaded.rows().isEmpty() ? null : loaded.rows().get(0));
    if (selected.get() != again) {
      selected.set(again);
    }
  }

  /** Advances the clock that running tasks' durations are measured against. */
  public void tick(Instant now) {
    clock.set(now);
  }

  /** How long a task ran, or has been running until now. */
  public static Duration duration(EvaluationTask t, Instant now) {
    if (t.startTime() == null) {
      return null;
    }
    Instant end = t.endTime() != null ? t.endTime() : t.status() == TaskStatus.RUNNING ? now : null;
    return end == null ? null : Duration.between(t.startTime(), end);
  }

  /** The time left for a running task at its current pace. */
  public static Duration eta(EvaluationTask t, Instant now) {
    if (t.status() != TaskStatus.RUNNING || t.samplesDone() == null || t.samplesTotal() == null) {
      return null;
    }
    Duration d = duration(t, now);
    return Durations.eta(d, t.samplesDone(), t.samplesTotal());
  }

  /** What the log viewer shows for a task: its state, error, stored job log and provenance. */
  static String logOf(TaskRow row, String jobLog) {
    if (row == null) {
      return "";
    }
    EvaluationTask t = row.task();
    StringBuilder b = new StringBuilder();
    b.append("task ")
        .append(t.index())
        .append(": ")
        .append(t.model())
        .append(" on ")
        .append(t.dataset())
        .append(" — ")
        .append(t.status().dbValue());
    if (t.slurmJobId() != null) {
      b.append(" (SLURM job ").append(t.slurmJobId()).append(')');
    }
    if (t.nodeName() != null) {
      b.append(" on ").append(t.nodeName());
    }
    b.append('\n');
    if (t.failureCause() != null) {
      b.append("failure: ").append(t.failureCause());
      if (t.exitCode() != null) {
        b.append(" (exit code ").append(t.exitCode()).append(')');
      }
      b.append('\n');
    }
    if (t.errorMessage() != null) {
      b.append('\n').append(t.errorMessage()).append('\n');
    }
    if (row.provenance() != null
        && !row.provenance().isBlank()
        && !"{ }".equals(row.provenance())) {
      b.append("\nprovenance:\n").append(row.provenance()).append('\n');
    }
    return b.toString();
  }

  public ReadOnlyObjectProperty<Long> sessionIdProperty() {
    return sessionId.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<SessionSummary> summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ObservableList<TaskRow> rows() {
    return rows;
  }

  public ObservableList<PerfPoint> performance() {
    return performance;
  }

  public ReadOnlyStringProperty provenanceProperty() {
    return provenance.getReadOnlyProperty();
  }

  public ObjectProperty<TaskRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyStringProperty logProperty() {
    return log.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Instant> clockProperty() {
    return clock.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty controlAvailableProperty() {
    return controlAvailable.getReadOnlyProperty();
  }
}
