package io.evalstation.model;

import java.util.Locale;

/**
 * A metric under a filter, e.g. {@code exact_match} under {@code strict-match}. Metric names are
 * canonical: the legacy {@code pass@1} and {@code pass_at_1} are one metric, {@code pass_at_1}.
 *
 * @param metric canonical metric name
 * @param filter filter name, {@code none} when the source has none
 */
public record MetricKey(String metric, String filter) {
  /** The filter of metrics that have none. */
  public static final String NO_FILTER = "none";

  public MetricKey {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("metric name is missing");
    }
    metric = canonicalMetric(metric);
    filter = filter == null || filter.isBlank() ? NO_FILTER : filter.trim();
  }

  /** A metric without a filter. */
  public static MetricKey of(String metric) {
    return new MetricKey(metric, NO_FILTER);
  }

  /**
   * Parses the command line's and lm-eval's {@code metric,filter} form; a bare {@code metric} has
   * no filter given (see {@link #hasExplicitFilter}).
   */
  public static MetricKey parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("metric is missing (expected metric or metric,filter)");
    }
    int comma = text.indexOf(',');
    if (comma < 0) {
      return new MetricKey(text.trim(), NO_FILTER);
    }
    String filter = text.substring(comma + 1).trim();
    if (filter.isEmpty()) {
      throw new IllegalArgumentException(
          "metric '" + text + "' has an empty filter (expected metric or metric,filter)");
    }
    return new MetricKey(text.substring(0, comma).trim(), filter);
  }

  /** The canonical name of a metric: {@code pass@k} becomes {@code pass_at_k}; trimmed. */
  public static String canonicalMetric(String name) {
    String n = name.trim();
    int at = n.indexOf('@');
    if (at > 0 && n.substring(0, at).toLowerCase(Locale.ROOT).equals("pass")) {
      return "pass_at_" + n.substring(at + 1);
    }
    return n;
  }

  /** {@code metric,filter} as lm-eval writes it. */
  @Override
  public String toString() {
    return metric + "," + filter;
  }
}
