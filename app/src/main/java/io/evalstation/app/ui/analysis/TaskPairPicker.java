package io.evalstation.app.ui.analysis;

import io.evalstation.app.ui.controls.Cells;
import io.evalstation.app.ui.controls.Forms;
import io.evalstation.persistence.analytics.TaskRef;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.FlowPane;
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
            Forms.labelled("Dataset", dataset),
            Forms.labelled("Model A", modelA),
            Forms.labelled("Run of A", run(vm, true, prefix + "-task-a")),
            Forms.labelled("Model B", modelB),
            Forms.labelled("Run of B", run(vm, false, prefix + "-task-b")));
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
    box.setCellFactory(Cells.listText(TaskPairViewModel::describe, null));
    box.setPrefWidth(210);
    return box;
  }
}
