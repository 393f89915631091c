package io.evalstation.app.ui.compare;

import io.evalstation.app.ui.analysis.TaskPairViewModel;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.PairedComparison;
import io.evalstation.persistence.analytics.Pivot;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TaskRef;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

/**
 * Compare: the models × datasets pivot of one metric, and a paired comparison of two runs on the
 * same samples (which answers "is B really better than A, or is it noise?").
 */
public final class CompareViewModel {
  private final Analytics data;
  private final TaskExecutor tasks;
  private final TaskPairViewModel pair;
  private final ReadOnlyListWrapper<MetricSelector> metrics =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ObjectProperty<MetricSelector> metric = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<Pivot> pivot = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<PairedComparison> comparison = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper pairedStatus = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private BiConsumer<TaskRef, TaskRef> openPredictions = (a, b) -> {};
  private boolean applyingChoices;
  private long pivotRequest;
  private long pairRequest;

  public CompareViewModel(Analytics data, TaskExecutor tasks) {
    this.data = data;
    this.tasks = tasks;
    this.pair = new TaskPairViewModel(data, tasks);
    metric.addListener(
        (o, a, b) -> {
          if (!applyingChoices) {
            loadPivot();
          }
        });
    pair.taskAProperty().addListener((o, a, b) -> compare());
    pair.taskBProperty().addListener((o, a, b) -> compare());
  }

  /** Re-reads the metrics, the pivot and the pickers' choices. */
  public void refresh() {
    pair.refresh();
    BackgroundTask.of("Loading metrics", p -> data.choices().all())
        .onSuccess(
            c -> {
              applyingChoices = true;
              try {
                metrics.setAll(c.metrics());
                if (metric.get() == null || !c.metrics().contains(metric.get())) {
                  metric.set(
                      c.preferredMetric() != null && c.metrics().contains(c.preferredMetric())
                          ? c.preferredMetric()
                          : c.metrics().isEmpty() ? null : c.metrics().get(0));
                }
              } finally {
                applyingChoices = false;
              }
              loadPivot();
            })
        .onFailure(e -> error.set("Cannot read the metrics: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void loadPivot() {
    MetricSelector m = metric.get();
    long id = ++pivotRequest;
    if (m == null) {
      pivot.set(null);
      return;
    }
    BackgroundTask.of(
            "Building the " + m + " pivot", p -> data.pivots().pivot(m, ResultFilter.all()))
        .onSuccess(
            pv -> {
              if (id == pivotRequest) {
                pivot.set(pv);
                error.set(null);
              }
            })
        .onFailure(e -> error.set("Cannot build the pivot: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** Compares the two chosen runs sample by sample. */
  public void compare() {
    TaskRef a = pair.taskAProperty().get();
    TaskRef b = pair.taskBProperty().get();
    long id = ++pairRequest;
    if (a == null || b == null) {
      comparison.set(null);
      pairedStatus.set("Choose two runs on the same dataset.");
      return;
    }
    if (a.taskId() == b.taskId()) {
      comparison.set(null);
      pairedStatus.set("Run A and run B are the same task: choose two different runs.");
      return;
    }
    pairedStatus.set("Comparing #" + a.taskId() + " with #" + b.taskId() + " …");
    BackgroundTask.of(
            "Comparing #" + a.taskId() + " with #" + b.taskId(),
            p -> data.comparisons().compare(a.taskId(), b.taskId(), null))
        .onSuccess(
            c -> {
              if (id == pairRequest) {
                comparison.set(c);
                pairedStatus.set(
                    c.counted() == 0
                        ? "The two runs share no judged samples."
                        : c.counted() + " paired samples");
              }
            })
        .onFailure(
            e -> {
              if (id == pairRequest) {
                comparison.set(null);
                pairedStatus.set("Cannot compare: " + e.getMessage());
              }
            })
        .executeWith(tasks);
  }

  /** Where "Show predictions" leads; set by the workbench. */
  public void setOnOpenPredictions(BiConsumer<TaskRef, TaskRef> action) {
    this.openPredictions = action;
  }

  /** Opens the chosen pair's predictions side by side. */
  public void openPredictions() {
    TaskRef a = pair.taskAProperty().get();
    TaskRef b = pair.taskBProperty().get();
    if (a != null && b != null) {
      openPredictions.accept(a, b);
    }
  }

  public TaskPairViewModel pair() {
    return pair;
  }

  public ReadOnlyListProperty<MetricSelector> metricsProperty() {
    return metrics.getReadOnlyProperty();
  }

  public ObjectProperty<MetricSelector> metricProperty() {
    return metric;
  }

  public ReadOnlyObjectProperty<Pivot> pivotProperty() {
    return pivot.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<PairedComparison> comparisonProperty() {
    return comparison.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty pairedStatusProperty() {
    return pairedStatus.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The warnings of the comparison shown now (empty when none). */
  public List<String> warnings() {
    PairedComparison c = comparison.get();
    return c == null ? List.of() : c.warnings();
  }
}
