package io.evalstation.app.ui.launch;

import io.evalstation.model.Priority;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Launch: the form on the left, the searchable check lists, the estimate and the script preview.
 */
public final class LaunchView {
  private final LaunchViewModel viewModel;
  private final BorderPane root = new BorderPane();

  public LaunchView(LaunchViewModel viewModel) {
    this.viewModel = viewModel;
    root.setId("launch-view");
    root.getStyleClass().addAll("page", "launch");
    root.getStylesheets().add(LaunchView.class.getResource("launch.css").toExternalForm());
    Label title = new Label("Launch");
    title.getStyleClass().add("page-title");
    root.setTop(new VBox(title));
    HBox lists =
        new HBox(
            12,
            checkList(
                "Models",
                "models",
                viewModel.models(),
                viewModel.chosenModels(),
                viewModel.errorProperty(LaunchViewModel.Field.MODELS)),
            checkList(
                "Datasets",
                "datasets",
                viewModel.datasets(),
                viewModel.chosenDatasets(),
                viewModel.errorProperty(LaunchViewModel.Field.DATASETS)));
    VBox top = new VBox(12, form(), lists, summary());
    TextArea preview = new TextArea();
    preview.setId("launch-preview");
    preview.setEditable(false);
    preview.getStyleClass().add("mono");
    preview.setPromptText("Preview shows the sbatch scripts the launch would submit.");
    preview.textProperty().bind(viewModel.previewProperty());
    SplitPane split = new SplitPane(top, preview);
    split.setDividerPositions(0.58);
    root.setCenter(split);
  }

  private Node form() {
    ComboBox<String> cluster = new ComboBox<>(viewModel.clusters());
    cluster.setId("launch-cluster");
    cluster.valueProperty().bindBidirectional(viewModel.clusterProperty());
    TextField category = new TextField();
    category.setId("launch-category");
    category.setPromptText("e.g. math");
    category.textProperty().bindBidirectional(viewModel.categoryProperty());
    ComboBox<String> preset = new ComboBox<>(viewModel.presets());
    preset.setId("launch-preset");
    preset.valueProperty().bindBidirectional(viewModel.presetProperty());
    TextField limit = new TextField();
    limit.setId("launch-limit");
    limit.setPromptText("all samples");
    limit.setPrefColumnCount(8);
    limit.textProperty().bindBidirectional(viewModel.sampleLimitProperty());
    ComboBox<Priority> priority = new ComboBox<>();
    priority.getItems().setAll(Priority.values());
    priority.setId("launch-priority");
    priority.valueProperty().bindBidirectional(viewModel.priorityProperty());
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    grid.addRow(
        0,
        new Label("Cluster"),
        cluster,
        error("launch-cluster-error", viewModel.errorProperty(LaunchViewModel.Field.CLUSTER)));
    grid.addRow(
        1,
        new Label("Category"),
        category,
        error("launch-category-error", viewModel.errorProperty(LaunchViewModel.Field.CATEGORY)));
    grid.addRow(
        2,
        new Label("Preset"),
        preset,
        error("launch-preset-error", viewModel.errorProperty(LaunchViewModel.Field.PRESET)));
    grid.addRow(
        3,
        new Label("Sample limit"),
        limit,
        error("launch-limit-error", viewModel.errorProperty(LaunchViewModel.Field.SAMPLE_LIMIT)));
    grid.addRow(4, new Label("Priority"), priority);
    return grid;
  }

  private static Label error(String id, ObservableValue<String> text) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("error-text");
    l.textProperty().bind(text);
    return l;
  }

  private Node checkList(
      String title,
      String id,
      ObservableList<String> items,
      Set<String> chosen,
      ObservableValue<String> errorText) {
    FilteredList<String> shown = new FilteredList<>(items);
    TextField filter = new TextField();
    filter.setId("launch-" + id + "-filter");
    filter.setPromptText("Filter " + title.toLowerCase(Locale.ROOT));
    filter
        .textProperty()
        .addListener(
            (o, a, b) -> {
              String f = b == null ? "" : b.trim().toLowerCase(Locale.ROOT);
              shown.setPredicate(
                  f.isEmpty() ? s -> true : s -> s.toLowerCase(Locale.ROOT).contains(f));
            });
    // Checks live in a map by name, so filtering never loses them.
    Map<String, BooleanProperty> checks = new HashMap<>();
    ListView<String> list = new ListView<>(shown);
    list.setId("launch-" + id);
    list.setPrefHeight(220);
    list.setCellFactory(
        CheckBoxListCell.forListView(
            name ->
                checks.computeIfAbsent(
                    name,
                    n -> {
                      BooleanProperty p = new SimpleBooleanProperty(chosen.contains(n));
                      p.addListener(
                          (o, a, on) -> {
                            if (on) {
                              chosen.add(n);
                            } else {
                              chosen.remove(n);
                            }
                          });
                      return p;
                    })));
    Label head = new Label(title);
    head.getStyleClass().add("section-title");
    VBox box = new VBox(6, head, filter, list, error("launch-" + id + "-error", errorText));
    HBox.setHgrow(box, javafx.scene.layout.Priority.ALWAYS);
    return box;
  }

  private Node summary() {
    Label count = new Label();
    count.setId("launch-task-count");
    count.getStyleClass().add("launch-count");
    count.textProperty().bind(viewModel.taskCountProperty());
    Label estimate = new Label();
    estimate.setId("launch-estimate");
    estimate.getStyleClass().add("muted");
    estimate.textProperty().bind(viewModel.estimateProperty());
    Button preview = new Button("Preview scripts");
    preview.setId("launch-preview-button");
    preview.setOnAction(e -> viewModel.preview());
    Button submit = new Button("Submit");
    submit.setId("launch-submit");
    submit.disableProperty().bind(viewModel.submittingProperty());
    submit.setOnAction(e -> viewModel.submit());
    Label result = new Label();
    result.setId("launch-result");
    result.textProperty().bind(viewModel.resultProperty());
    HBox line = new HBox(10, count, estimate);
    line.setAlignment(Pos.CENTER_LEFT);
    HBox buttons = new HBox(8, preview, submit, result);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(8, line, buttons);
    box.setPadding(new Insets(4, 0, 0, 0));
    return box;
  }

  public Node root() {
    return root;
  }
}
