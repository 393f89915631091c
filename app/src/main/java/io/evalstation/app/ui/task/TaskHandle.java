package io.evalstation.app.ui.task;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A running background task: its progress and message, and a way to cancel it. */
public interface TaskHandle {
  /** The task's title. */
  String title();

  /** Progress 0..1, or -1 while unknown. */
  ReadOnlyDoubleProperty progressProperty();

  /** The latest progress message. */
  ReadOnlyStringProperty messageProperty();

  /** Asks the work to stop. */
  void cancel();

  /** True once the task ended (success, failure or cancel). */
  boolean isDone();
}
