package io.evalstation.persistence.analytics;

import io.evalstation.model.MetricKey;

/**
 * A metric as the researcher names it: {@code acc_norm} (its default filter: {@code none}, or the
 * only filter recorded for it) or {@code exact_match,strict-match} (that filter). {@code pass@1}
 * and {@code pass_at_1} are one metric.
 *
 * @param metric canonical metric name
 * @param filter the filter named, or null for the metric's default filter
 */
public record MetricSelector(String metric, String filter) {
  public MetricSelector {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException(
          "metric name is missing (expected metric or metric,filter)");
    }
    metric = MetricKey.canonicalMetric(metric);
    if (filter != null) {
      filter = filter.trim();
      if (filter.isEmpty()) {
        throw new IllegalArgumentException(
            "metric '" + metric + "' has an empty filter (expected metric or metric,filter)");
      }
    }
  }

  /** Parses {@code metric} or {@code metric,filter}. */
  public static MetricSelector parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("metric is missing (expected metric or metric,filter)");
    }
    int comma = text.indexOf(',');
    if (comma < 0) {
      return new MetricSelector(text.trim(), null);
    }
    String filter = text.substring(comma + 1).trim();
    if (filter.isEmpty()) {
      throw new IllegalArgumentException(
          "metric '" + text + "' has an empty filter (expected metric or metric,filter)");
    }
    return new MetricSelector(text.substring(0, comma).trim(), filter);
  }

  /** The exact metric and filter. */
  public static MetricSelector of(MetricKey key) {
    return new MetricSelector(key.metric(), key.filter());
  }

  /** Whether a filter was named. */
  public boolean hasExplicitFilter() {
    return filter != null;
  }

  @Override
  public String toString() {
    return filter == null ? metric : metric + "," + filter;
  }
}
