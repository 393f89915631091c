package io.evalstation.app.ui.task;

import javafx.collections.ObservableList;

/** Runs {@link BackgroundTask}s; views never start threads themselves. */
public interface TaskExecutor extends AutoCloseable {
  /** Starts the task and returns its handle. */
  <T> TaskHandle execute(BackgroundTask<T> task);

  /** The tasks running now (for the status bar), updated on the FX thread. */
  ObservableList<TaskHandle> running();

  @Override
  void close();
}
