package io.evalstation.app.ui.controls;

import java.time.Duration;
import java.util.function.Function;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A table cell showing a progress bar with the remaining time beside it. Progress NaN shows an
 * empty bar with "–"; ETA null shows only the percentage.
 *
 * @param <S> the row type
 */
public final class ProgressEtaCell<S> extends TableCell<S, Double> {
  private final ProgressBar bar = new ProgressBar(0);
  private final Label text = new Label();
  private final HBox box = new HBox(6, bar, text);
  private final Function<S, Duration> eta;

  /** A cell whose ETA comes from the row ({@code row -> null} for none). */
  public ProgressEtaCell(Function<S, Duration> eta) {
    this.eta = eta;
    bar.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(bar, Priority.ALWAYS);
    text.getStyleClass().add("progress-eta-text");
    text.setMinWidth(80);
    getStyleClass().add("progress-eta-cell");
    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
  }

  @Override
  protected void updateItem(Double progress, boolean empty) {
    super.updateItem(progress, empty);
    if (empty || progress == null) {
      setGraphic(null);
      return;
    }
    S row = getTableRow() == null ? null : getTableRow().getItem();
    if (progress.isNaN()) {
      bar.setProgress(0);
      text.setText("–");
    } else {
      bar.setProgress(progress);
      Duration left = row == null ? null : eta.apply(row);
      String pct = String.format("%.0f%%", 100 * progress);
      text.setText(left == null ? pct : pct + " · " + Durations.format(left));
    }
    setGraphic(box);
  }
}
