package io.evalstation.app.ui.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One long piece of work at a time (an import, an export), shown while it runs with its progress
 * and message and afterwards with how it ended; it can be cancelled. Use on the FX thread.
 */
public final class WorkProgress {
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private TaskHandle handle;

  /**
   * Runs {@code task} unless work runs already: until the task's callbacks call {@link #ended},
   * progress and status follow it.
   *
   * @param message the status until the task reports one
   * @return whether it started
   */
  public <T> boolean start(String message, BackgroundTask<T> task, TaskExecutor executor) {
    if (running.get()) {
      return false;
    }
    running.set(true);
    progress.set(-1);
    status.set(message);
    TaskHandle h = task.executeWith(executor);
    handle = h;
    // The same-thread executor has ended it already.
    if (running.get()) {
      progress.bind(h.progressProperty());
      status.bind(h.messageProperty());
    }
    return true;
  }

  /** The work ended: shows {@code done} (0..1) and the message saying how. */
  public void ended(double done, String message) {
    progress.unbind();
    status.unbind();
    running.set(false);
    progress.set(done);
    status.set(message);
  }

  /** A message while nothing runs (a problem to fix before starting). */
  public void say(String message) {
    if (!running.get()) {
      status.set(message);
    }
  }

  /** Forgets how the last work ended. */
  public void reset() {
    if (!running.get()) {
      progress.set(0);
      status.set("");
    }
  }

  /** Asks the running work to stop. */
  public void cancel() {
    if (handle != null) {
      handle.cancel();
    }
  }

  public boolean isRunning() {
    return running.get();
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
