package io.evalstation.app.ui.compare;

import java.util.List;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A models × datasets grid of coloured cells. A cell's colour is the accent colour at an opacity
 * that grows with how good its score is within its column (so the colours stay right in both
 * themes); the column's best cell is bold and outlined.
 */
final class HeatMap {
  /** One cell as the grid shows it; {@code mean} NaN when the model has no result there. */
  record Cell(String model, String dataset, double mean, Double stderr, int count, boolean best) {}

  private HeatMap() {}

  /** Builds the grid; {@code higherIsBetter} decides which end of a column is dark. */
  static GridPane grid(
      List<String> models, List<String> datasets, List<Cell> cells, boolean higherIsBetter) {
    GridPane grid = new GridPane();
    grid.getStyleClass().add("heat-map");
    grid.setHgap(2);
    grid.setVgap(2);
    for (int c = 0; c < datasets.size(); c++) {
      Label head = new Label(datasets.get(c));
      head.getStyleClass().add("heat-column-head");
      GridPane.setHalignment(head, HPos.CENTER);
      grid.add(head, c + 1, 0);
    }
    for (int r = 0; r < models.size(); r++) {
      Label head = new Label(models.get(r));
      head.getStyleClass().add("heat-row-head");
      grid.add(head, 0, r + 1);
    }
    for (int c = 0; c < datasets.size(); c++) {
      String dataset = datasets.get(c);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Cell cell : cells) {
        if (cell.dataset().equals(dataset) && !Double.isNaN(cell.mean())) {
          lo = Math.min(lo, cell.mean());
          hi = Math.max(hi, cell.mean());
        }
      }
      for (int r = 0; r < models.size(); r++) {
        String model = models.get(r);
        Cell cell =
            cells.stream()
                .filter(x -> x.model().equals(model) && x.dataset().equals(dataset))
                .findFirst()
                .orElse(new Cell(model, dataset, Double.NaN, null, 0, false));
        grid.add(cellNode(cell, strength(cell.mean(), lo, hi, higherIsBetter)), c + 1, r + 1);
      }
    }
    return grid;
  }

  /** 0 for the column's worst score, 1 for its best; a column of one value is mid-strength. */
  static double strength(double v, double lo, double hi, boolean higherIsBetter) {
    if (Double.isNaN(v)) {
      return 0;
    }
    if (!(hi > lo)) {
      return 0.6;
    }
    double f = (v - lo) / (hi - lo);
    return higherIsBetter ? f : 1 - f;
  }

  private static Node cellNode(Cell cell, double strength) {
    StackPane box = new StackPane();
    box.getStyleClass().add("heat-cell");
    box.setId("heat-" + cell.model() + "-" + cell.dataset());
    box.setMinSize(120, 44);
    box.setPrefSize(130, 44);
    if (Double.isNaN(cell.mean())) {
      Label none = new Label("–");
      none.getStyleClass().add("heat-empty");
      box.getChildren().add(none);
      return box;
    }
    Region fill = new Region();
    fill.getStyleClass().add("heat-fill");
    // Never fully transparent nor opaque: the text must stay readable on every cell.
    fill.setOpacity(0.12 + 0.68 * strength);
    Label text = new Label(format(cell.mean(), cell.stderr()));
    text.getStyleClass().add("heat-text");
    if (strength > 0.55) {
      text.getStyleClass().add("heat-text-strong");
    }
    if (cell.best()) {
      box.getStyleClass().add("heat-best");
      text.getStyleClass().add("heat-text-best");
    }
    Tooltip.install(
        box,
        new Tooltip(
            cell.model()
                + " on "
                + cell.dataset()
                + "\n"
                + format(cell.mean(), cell.stderr())
                + " over "
                + cell.count()
                + (cell.count() == 1 ? " evaluation" : " evaluations")
                + (cell.best() ? "\nbest in this column" : "")));
    box.getChildren().addAll(fill, text);
    return box;
  }

  /** "0.812 ± 0.021", or just the mean when there is no standard error. */
  static String format(double mean, Double stderr) {
    return stderr == null || Double.isNaN(stderr)
        ? String.format(Locale.ROOT, "%.3f", mean)
        : String.format(Locale.ROOT, "%.3f ± %.3f", mean, stderr);
  }

  /** A bar from weak to strong with its two ends labelled. */
  static Node legend(boolean higherIsBetter) {
    HBox steps = new HBox();
    steps.getStyleClass().add("heat-legend-steps");
    for (int i = 0; i <= 8; i++) {
      StackPane step = new StackPane();
      step.getStyleClass().add("heat-legend-step");
      Region fill = new Region();
      fill.getStyleClass().add("heat-fill");
      fill.setOpacity(0.12 + 0.68 * i / 8.0);
      step.getChildren().add(fill);
      step.setPrefSize(18, 12);
      steps.getChildren().add(step);
    }
    Label weak = new Label(higherIsBetter ? "lowest in column" : "highest in column");
    Label strong = new Label(higherIsBetter ? "highest in column" : "lowest in column");
    weak.getStyleClass().add("muted");
    strong.getStyleClass().add("muted");
    Label best = new Label("outlined, bold: best in column");
    best.getStyleClass().add("muted");
    HBox row = new HBox(8, weak, steps, strong, new Label("   "), best);
    row.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(row);
    box.setId("heat-legend");
    return box;
  }
}
