package io.evalstation.app.ui.controls;

import io.evalstation.app.ui.task.WorkProgress;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/** How long work shows itself: a progress bar, a Cancel button and a status line ({@code id-*}). */
public final class WorkControls {
  private WorkControls() {}

  /** The bar, following the work's progress ({@code <id>-progress}). */
  public static ProgressBar bar(WorkProgress work, String id) {
    ProgressBar bar = new ProgressBar();
    bar.setId(id + "-progress");
    bar.progressProperty().bind(work.progressProperty());
    return bar;
  }

  /** Cancel, enabled while the work runs ({@code <id>-cancel}). */
  public static Button cancel(WorkProgress work, String id, Runnable cancel) {
    Button b = new Button("Cancel");
    b.setId(id + "-cancel");
    b.disableProperty().bind(work.runningProperty().not());
    b.setOnAction(e -> cancel.run());
    return b;
  }

  /** The work's message while it runs and how it ended after ({@code <id>-status}). */
  public static Label status(WorkProgress work, String id) {
    Label status = new Label();
    status.setId(id + "-status");
    status.setWrapText(true);
    status.textProperty().bind(work.statusProperty());
    return status;
  }
}
