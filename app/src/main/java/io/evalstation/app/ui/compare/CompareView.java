package io.evalstation.app.ui.compare;

import io.evalstation.app.ui.analysis.TaskPairPicker;
import io.evalstation.app.ui.controls.Forms;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.PairedComparison;
import io.evalstation.persistence.analytics.Pivot;
import io.evalstation.persistence.analytics.PivotCell;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Compare: the pivot heat map above a two-run paired comparison. */
public final class CompareView {
  private final CompareViewModel viewModel;
  private final BorderPane root = new BorderPane();
  private final StackPane heatMapHolder = new StackPane();
  private final VBox pairedResult = new VBox(10);

  public CompareView(CompareViewModel viewModel) {
    this.viewModel = viewModel;
    root.setId("compare-view");
    root.getStyleClass().addAll("page", "compare");
    root.getStylesheets().add(CompareView.class.getResource("compare.css").toExternalForm());
    Label title = new Label("Compare");
    title.getStyleClass().add("page-title");
    Label error = Forms.errorLine(viewModel.errorProperty());
    VBox content = new VBox(14, pivotSection(), paired());
    content.setPadding(new Insets(0, 12, 12, 0));
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    root.setTop(new VBox(4, title, error));
    root.setCenter(scroll);
    viewModel.pivotProperty().addListener((o, a, p) -> showPivot(p));
    viewModel.comparisonProperty().addListener((o, a, c) -> showComparison(c));
    showPivot(viewModel.pivotProperty().get());
    showComparison(viewModel.comparisonProperty().get());
  }

  private Node pivotSection() {
    Label heading = new Label("Models × datasets");
    heading.getStyleClass().add("section-title");
    ComboBox<MetricSelector> metric = new ComboBox<>();
    metric.setId("compare-metric");
    metric.itemsProperty().bind(viewModel.metricsProperty());
    metric.valueProperty().bindBidirectional(viewModel.metricProperty());
    metric.setPrefWidth(200);
    HBox top = new HBox(10, heading, new Label("Metric"), metric);
    top.setAlignment(Pos.CENTER_LEFT);
    heatMapHolder.setAlignment(Pos.TOP_LEFT);
    heatMapHolder.setId("heat-map-holder");
    ScrollPane wide = new ScrollPane(heatMapHolder);
    wide.setFitToHeight(true);
    wide.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    wide.getStyleClass().add("edge-to-edge");
    return new VBox(8, top, wide);
  }

  private void showPivot(Pivot pivot) {
    if (pivot == null || pivot.cells().isEmpty()) {
      Label empty = new Label("No results for this metric yet.");
      empty.getStyleClass().add("empty-state");
      heatMapHolder.getChildren().setAll(empty);
      return;
    }
    List<HeatMap.Cell> cells =
        pivot.cells().stream()
            .map(
                (PivotCell c) ->
                    new HeatMap.Cell(
                        c.model(), c.dataset(), c.mean(), c.stderr(), c.evaluations(), c.best()))
            .toList();
    VBox box =
        new VBox(
            8,
            HeatMap.grid(pivot.models(), pivot.datasets(), cells, pivot.higherIsBetter()),
            HeatMap.legend(pivot.higherIsBetter()));
    heatMapHolder.getChildren().setAll(box);
  }

  private Node paired() {
    Label heading = new Label("Paired comparison");
    heading.getStyleClass().add("section-title");
    Label hint = new Label("Same samples, two runs: what B fixed and what it broke.");
    hint.getStyleClass().add("muted");
    Button predictions = new Button("Show predictions side by side");
    predictions.setId("compare-open-predictions");
    predictions.disableProperty().bind(viewModel.comparisonProperty().isNull());
    predictions.setOnAction(e -> viewModel.openPredictions());
    Label status = new Label();
    status.setId("paired-status");
    status.getStyleClass().add("muted");
    status.textProperty().bind(viewModel.pairedStatusProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(10, heading, hint, spacer, predictions);
    top.setAlignment(Pos.CENTER_LEFT);
    VBox box =
        new VBox(8, top, TaskPairPicker.of(viewModel.pair(), "compare"), status, pairedResult);
    box.getStyleClass().add("paired");
    box.setId("paired-panel");
    return box;
  }

  private void showComparison(PairedComparison c) {
    if (c == null) {
      pairedResult.getChildren().clear();
      return;
    }
    VBox warnings = new VBox(4);
    warnings.setId("paired-warnings");
    warnings.getStyleClass().add("warnings");
    for (String w : c.warnings()) {
      Label l = new Label("⚠ " + w);
      l.getStyleClass().add("warning-text");
      l.setWrapText(true);
      warnings.getChildren().add(l);
    }
    warnings.setVisible(!c.warnings().isEmpty());
    warnings.setManaged(!c.warnings().isEmpty());
    HBox counts =
        new HBox(
            10,
            count("both-correct", "both correct", c.bothCorrect()),
            count("fixed", "fixed by B", c.fixed()),
            count("regressed", "regressed in B", c.regressed()),
            count("both-wrong", "both wrong", c.bothWrong()));
    Label accuracy =
        new Label(
            String.format(
                Locale.ROOT,
                "Accuracy A %.1f%% → B %.1f%%  (difference %+.1f points)",
                100 * c.accuracyA(),
                100 * c.accuracyB(),
                100 * c.difference()));
    accuracy.setId("paired-accuracy");
    accuracy.getStyleClass().add("stat-line");
    Label p =
        new Label(
            String.format(
                Locale.ROOT,
                "McNemar exact p = %s%s",
                formatP(c.mcnemarP()),
                c.mcnemarP() < 0.05 ? "  (significant at 5%)" : "  (not significant at 5%)"));
    p.setId("paired-p");
    p.getStyleClass().add("stat-line");
    Label ci =
        new Label(
            c.bootstrap() == null
                ? "Bootstrap CI: not enough pairs"
                : String.format(
                    Locale.ROOT,
                    "Bootstrap %.0f%% CI of the difference: [%+.1f, %+.1f] points (%d replicates)",
                    100 * c.bootstrap().level(),
                    100 * c.bootstrap().low(),
                    100 * c.bootstrap().high(),
                    c.bootstrapReplicates()));
    ci.setId("paired-ci");
    ci.getStyleClass().add("stat-line");
    Label alignment =
        new Label(
            String.format(
                Locale.ROOT,
                "%d aligned by %s · %d only in A · %d only in B · %d unjudged",
                c.aligned(),
                c.alignment().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                c.onlyInA(),
                c.onlyInB(),
                c.unknown()));
    alignment.getStyleClass().add("muted");
    pairedResult.getChildren().setAll(warnings, counts, accuracy, p, ci, alignment);
  }

  private static String formatP(double p) {
    return p < 0.0001
        ? String.format(Locale.ROOT, "%.1e", p)
        : String.format(Locale.ROOT, "%.4f", p);
  }

  private static Node count(String id, String name, int value) {
    Label v = new Label(Integer.toString(value));
    v.setId("count-" + id);
    v.getStyleClass().add("count-value");
    Label n = new Label(name);
    n.getStyleClass().add("count-name");
    VBox box = new VBox(2, v, n);
    box.getStyleClass().addAll("count-box", "count-" + id);
    return box;
  }

  public Node root() {
    return root;
  }
}
