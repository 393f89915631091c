package io.evalstation.app.ui.analysis;

import io.evalstation.persistence.analytics.AnalysisChoices;
import io.evalstation.persistence.analytics.MetricSelector;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

/**
 * The metric an analysis page shows, among the metrics the data has: Leaderboard, Trends, Compare
 * and the export each hold one. New choices keep the chosen metric while the data still has it,
 * else take the one most evaluations have (a table of one model helps nobody).
 */
public final class MetricChoice {
  private final ReadOnlyListWrapper<MetricSelector> metrics =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ObjectProperty<MetricSelector> metric = new SimpleObjectProperty<>();
  private boolean offering;
  private boolean offered;

  /** Calls {@code reload} each time the user chooses a metric (not when new choices arrive). */
  public void onChosen(Runnable reload) {
    metric.addListener(
        (o, a, b) -> {
          if (!offering) {
            reload.run();
          }
        });
  }

  /** Takes the metrics the data has now; the page reloads itself afterwards. */
  public void offer(AnalysisChoices c) {
    offering = true;
    try {
      metrics.setAll(c.metrics());
      if (metric.get() == null || !c.metrics().contains(metric.get())) {
        metric.set(preferred(c));
      }
      offered = true;
    } finally {
      offering = false;
    }
  }

  private static MetricSelector preferred(AnalysisChoices c) {
    if (c.metrics().isEmpty()) {
      return null;
    }
    return c.preferredMetric() != null && c.metrics().contains(c.preferredMetric())
        ? c.preferredMetric()
        : c.metrics().get(0);
  }

  /** Whether choices arrived at least once (before, there is nothing to show). */
  public boolean offered() {
    return offered;
  }

  /** The chosen metric, or null when the data has none. */
  public MetricSelector get() {
    return metric.get();
  }

  public ReadOnlyListProperty<MetricSelector> metricsProperty() {
    return metrics.getReadOnlyProperty();
  }

  public ObjectProperty<MetricSelector> metricProperty() {
    return metric;
  }
}
