package io.evalstation.app.ui.shell;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.live.ChangeEvent;
import io.evalstation.persistence.repo.SessionRepository;
import io.evalstation.persistence.repo.TaskRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the change feed into desktop notices: a task that moved to failed, a session that moved to
 * completed. It reads the changed row off the FX thread and compares its status with the last one
 * it saw; only updates are read (inserts come by the thousand from imports, and a new row changed
 * no state).
 */
public final class LiveNotifications {
  /** What to tell the researcher. */
  public record Notice(boolean error, String title, String text) {}

  private final TaskRepository taskReads;
  private final SessionRepository sessions;
  private final TaskExecutor tasks;
  private final Consumer<Notice> sink;
  private final Map<Long, TaskStatus> taskStatus = new HashMap<>();
  private final Map<Long, SessionStatus> sessionStatus = new HashMap<>();

  public LiveNotifications(
      TaskRepository taskReads,
      SessionRepository sessions,
      TaskExecutor tasks,
      Consumer<Notice> sink) {
    this.taskReads = taskReads;
    this.sessions = sessions;
    this.tasks = tasks;
    this.sink = sink;
  }

  /** Handles one change; call on the FX thread. */
  public void onChange(ChangeEvent event) {
    if (event.kind() == ChangeEvent.Kind.TASK && "update".equals(event.op())) {
      BackgroundTask.of("Reading task " + event.id(), p -> taskReads.state(event.id()))
          .onSuccess(s -> s.ifPresent(state -> taskChanged(event, state)))
          .executeWith(tasks);
    } else if (event.kind() == ChangeEvent.Kind.SESSION && "update".equals(event.op())) {
      BackgroundTask.of("Reading session " + event.id(), p -> sessions.find(event.id()))
          .onSuccess(
              s ->
                  s.ifPresent(
                      session -> {
                        SessionStatus before = sessionStatus.put(session.id(), session.status());
                        boolean changed = before == null || before != session.status();
                        if (changed && session.status() == SessionStatus.COMPLETED) {
                          sink.accept(
                              new Notice(
                                  false,
                                  "Session completed",
                                  session.key()
                                      + (session.category() == null
                                          ? ""
                                          : " (" + session.category() + ")")));
                        }
                      }))
          .executeWith(tasks);
    }
  }

  private void taskChanged(ChangeEvent event, TaskRepository.TaskState state) {
    TaskStatus before = taskStatus.put(state.taskId(), state.status());
    boolean changed = before == null || before != state.status();
    if (changed && state.status() == TaskStatus.FAILED) {
      String why = state.errorMessage() == null ? "" : "\n" + firstLine(state.errorMessage());
      sink.accept(
          new Notice(
              true,
              "Task failed",
              state.model() + " on " + state.dataset() + " (" + state.sessionKey() + ")" + why));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 120 ? line.substring(0, 117) + "…" : line;
  }
}
