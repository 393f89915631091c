package io.evalstation.app.ui.task;

import javafx.application.Platform;

/** The one place that hands work to the FX thread. */
public final class FxThread {
  private FxThread() {}

  /** Runs {@code action} on the FX thread: now if already on it, else later. */
  public static void run(Runnable action) {
    if (Platform.isFxApplicationThread()) {
      action.run();
    } else {
      Platform.runLater(action);
    }
  }
}
