package io.evalstation.app.ui.trends;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.analytics.TrendBucket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

/** Trends: activity, success, duration, GPU-hours and a metric per hour, day or week. */
public final class TrendsViewModel {
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("MM-dd HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Analytics data;
  private final TaskExecutor tasks;
  private final ObjectProperty<TimeBucket> bucket = new SimpleObjectProperty<>(TimeBucket.DAY);
  private final ObjectProperty<MetricSelector> metric = new SimpleObjectProperty<>();
  private final ReadOnlyListWrapper<MetricSelector> metrics =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyListWrapper<TrendBucket> buckets =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private boolean applyingChoices;
  private boolean choicesLoaded;
  private long request;

  public TrendsViewModel(Analytics data, TaskExecutor tasks) {
    this.data = data;
    this.tasks = tasks;
    bucket.addListener((o, a, b) -> load());
    metric.addListener(
        (o, a, b) -> {
          if (!applyingChoices) {
            load();
          }
        });
  }

  /** Re-reads the metrics and the trends. */
  public void refresh() {
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
              choicesLoaded = true;
              load();
            })
        .onFailure(e -> error.set("Cannot read the metrics: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void load() {
    if (!choicesLoaded) {
      return;
    }
    TimeBucket b = bucket.get() == null ? TimeBucket.DAY : bucket.get();
    MetricSelector m = metric.get();
    long id = ++request;
    loading.set(true);
    BackgroundTask.of(
            "Loading trends per " + b.sqlUnit(),
            p -> data.trends().trends(b, ResultFilter.all(), m))
        .onSuccess(
            list -> {
              if (id == request) {
                show(list);
              }
            })
        .onFailure(
            e -> {
              if (id == request) {
                loading.set(false);
                error.set("Cannot read trends: " + e.getMessage());
              }
            })
        .executeWith(tasks);
  }

  private void show(List<TrendBucket> list) {
    buckets.setAll(list);
    loading.set(false);
    error.set(null);
    int sessions = list.stream().mapToInt(TrendBucket::sessions).sum();
    int taskCount = list.stream().mapToInt(TrendBucket::tasks).sum();
    double gpu = list.stream().mapToDouble(TrendBucket::gpuHours).sum();
    summary.set(
        list.isEmpty()
            ? "No tasks yet."
            : String.format(
                Locale.ROOT,
                "%d %s · %d sessions · %d tasks · %.1f GPU-hours",
                list.size(),
                list.size() == 1 ? bucketName() : bucketName() + "s",
                sessions,
                taskCount,
                gpu));
  }

  private String bucketName() {
    return bucket.get() == null ? "day" : bucket.get().sqlUnit();
  }

  /** The label of a bucket on a chart's axis. */
  public String label(Instant start) {
    return switch (bucket.get() == null ? TimeBucket.DAY : bucket.get()) {
      case HOUR -> HOUR.format(start);
      case DAY -> DAY.format(start);
      case WEEK -> "wk " + DAY.format(start);
    };
  }

  public ObjectProperty<TimeBucket> bucketProperty() {
    return bucket;
  }

  public ObjectProperty<MetricSelector> metricProperty() {
    return metric;
  }

  public ReadOnlyListProperty<MetricSelector> metricsProperty() {
    return metrics.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<TrendBucket> bucketsProperty() {
    return buckets.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
