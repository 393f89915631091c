package io.evalstation.app.ui.task;

import javafx.collections.ObservableList;

/** Runs {@link BackgroundTask}s; views never start threads themselves. */
public interface TaskExecutor extends AutoCloseable {
  /** Starts the task and returns its handle. */
  <T> TaskHandle execute(BackgroundTask<T> task);

  /**
   * Starts the task as the newest request of {@code lane} ("latest request wins"): the callbacks of
   * an older request of the lane that is still running never run. Call on the FX thread.
   */
  default <T> TaskHandle execute(BackgroundTask<T> task, Latest lane) {
    return execute(lane.claim(task));
  }

  /** The tasks running now (for the status bar), updated on the FX thread. */
  ObservableList<TaskHandle> running();

  @Override
  void close();
}
