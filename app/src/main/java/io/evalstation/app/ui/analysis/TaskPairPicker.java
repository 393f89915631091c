package io.evalstation.app.ui.analysis;

import io.evalstation.persistence.analytics.TaskRef;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The controls of a {@link TaskPairViewModel}: dataset, model A and its run, model B and its run.
 */
public final class TaskPairPicker {
  private TaskPairPicker() {}

  /** The pickers; ids start with {@code prefix} ({@code compare-model-a}, …). */
  public static Node of(TaskPairViewModel vm, String prefix) {
    ComboBox<String> dataset = new ComboBox<>(vm.datasetsProperty());
    dataset.setId(prefix + "-dataset");
    dataset.valueProperty().bindBidirectional(vm.datasetProperty());
    ComboBox<String> modelA = new ComboBox<>(vm.modelsProperty());
    modelA.setId(prefix + "-model-a");
    modelA.valueProperty().bindBidirectional(vm.modelAProperty());
    ComboBox<String> modelB = new ComboBox<>(vm.modelsProperty());
    modelB.setId(prefix + "-model-b");
    modelB.valueProperty().bindBidirectional(vm.modelBProperty());
    FlowPane pane =
        new FlowPane(
            10,
            6,
            labelled("Dataset", dataset),
            labelled("Model A", modelA),
            labelled("Run of A", run(vm, true, prefix + "-task-a")),
            labelled("Model B", modelB),
            labelled("Run of B", run(vm, false, prefix + "-task-b")));
    pane.getStyleClass().add("task-pair");
    return pane;
  }

  private static ComboBox<TaskRef> run(TaskPairViewModel vm, boolean a, String id) {
    ComboBox<TaskRef> box = new ComboBox<>(a ? vm.tasksAProperty() : vm.tasksBProperty());
    box.setId(id);
    box.valueProperty().bindBidirectional(a ? vm.taskAProperty() : vm.taskBProperty());
    box.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(TaskRef t) {
            return TaskPairViewModel.describe(t);
          }

          @Override
          public TaskRef fromString(String s) {
            return null;
          }
        });
    box.setCellFactory(
        lv ->
            new ListCell<>() {
              @Override
              protected void updateItem(TaskRef t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty ? null : TaskPairViewModel.describe(t));
              }
            });
    box.setPrefWidth(210);
    return box;
  }

  private static Node labelled(String text, Node control) {
    Label label = new Label(text);
    label.getStyleClass().add("filter-label");
    return new VBox(2, label, control);
  }
}
