package io.evalstation.app.ui.analysis;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.TaskRef;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Two tasks to compare, chosen the way a researcher thinks of them: model A and model B on one
 * dataset, each defaulting to its latest run, either replaceable by an earlier run. Shared by
 * Compare and Predictions.
 */
public final class TaskPairViewModel {
  private final Analytics data;
  private final TaskExecutor tasks;
  private final ReadOnlyListWrapper<String> models =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyListWrapper<String> datasets =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final StringProperty modelA = new SimpleStringProperty();
  private final StringProperty modelB = new SimpleStringProperty();
  private final StringProperty dataset = new SimpleStringProperty();
  private final ReadOnlyListWrapper<TaskRef> tasksA =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyListWrapper<TaskRef> tasksB =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ObjectProperty<TaskRef> taskA = new SimpleObjectProperty<>();
  private final ObjectProperty<TaskRef> taskB = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private long requestA;
  private long requestB;

  public TaskPairViewModel(Analytics data, TaskExecutor tasks) {
    this.data = data;
    this.tasks = tasks;
    modelA.addListener((o, a, b) -> loadTasks(true));
    modelB.addListener((o, a, b) -> loadTasks(false));
    dataset.addListener(
        (o, a, b) -> {
          loadTasks(true);
          loadTasks(false);
        });
  }

  /** Re-reads the models and datasets that have results. */
  public void refresh() {
    BackgroundTask.of("Loading models and datasets", p -> data.choices().all())
        .onSuccess(
            c -> {
              models.setAll(c.models());
              datasets.setAll(c.datasets());
              if (dataset.get() == null && !c.datasets().isEmpty()) {
                dataset.set(c.datasets().get(0));
              }
              if (modelA.get() == null && !c.models().isEmpty()) {
                modelA.set(c.models().get(0));
              }
              if (modelB.get() == null && c.models().size() > 1) {
                modelB.set(c.models().get(1));
              }
            })
        .onFailure(e -> error.set("Cannot read models: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** Chooses two given tasks (e.g. from another view), with their models and dataset. */
  public void choose(TaskRef a, TaskRef b) {
    pendingA = a;
    pendingB = b;
    if (Objects.equals(dataset.get(), a.dataset())
        && Objects.equals(modelA.get(), a.model())
        && Objects.equals(modelB.get(), b.model())) {
      taskA.set(a);
      taskB.set(b);
      return;
    }
    dataset.set(a.dataset());
    modelA.set(a.model());
    modelB.set(b.model());
  }

  private TaskRef pendingA;
  private TaskRef pendingB;

  private void loadTasks(boolean sideA) {
    String model = sideA ? modelA.get() : modelB.get();
    String d = dataset.get();
    long id = sideA ? ++requestA : ++requestB;
    ObservableList<TaskRef> list = sideA ? tasksA : tasksB;
    ObjectProperty<TaskRef> chosen = sideA ? taskA : taskB;
    if (model == null || d == null) {
      list.clear();
      chosen.set(null);
      return;
    }
    BackgroundTask.of(
            "Loading runs of " + model, p -> data.comparisons().completedTasks(model, d, 50))
        .onSuccess(
            found -> {
              if (id != (sideA ? requestA : requestB)) {
                return;
              }
              list.setAll(found);
              TaskRef pending = sideA ? pendingA : pendingB;
              chosen.set(pick(found, pending));
              if (sideA) {
                pendingA = null;
              } else {
                pendingB = null;
              }
            })
        .onFailure(e -> error.set("Cannot read the runs of " + model + ": " + e.getMessage()))
        .executeWith(tasks);
  }

  // The run asked for when it is there, else the latest (the list comes newest first).
  private static TaskRef pick(List<TaskRef> found, TaskRef wanted) {
    if (wanted != null) {
      for (TaskRef t : found) {
        if (t.taskId() == wanted.taskId()) {
          return t;
        }
      }
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** A task as the choosers show it. */
  public static String describe(TaskRef t) {
    if (t == null) {
      return "";
    }
    return "#"
        + t.taskId()
        + " · "
        + t.sessionKey()
        + (t.preset() == null ? "" : " · " + t.preset());
  }

  public ReadOnlyListProperty<String> modelsProperty() {
    return models.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> datasetsProperty() {
    return datasets.getReadOnlyProperty();
  }

  public StringProperty modelAProperty() {
    return modelA;
  }

  public StringProperty modelBProperty() {
    return modelB;
  }

  public StringProperty datasetProperty() {
    return dataset;
  }

  public ReadOnlyListProperty<TaskRef> tasksAProperty() {
    return tasksA.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<TaskRef> tasksBProperty() {
    return tasksB.getReadOnlyProperty();
  }

  public ObjectProperty<TaskRef> taskAProperty() {
    return taskA;
  }

  public ObjectProperty<TaskRef> taskBProperty() {
    return taskB;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
