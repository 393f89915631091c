package io.evalstation.model;

import java.util.Objects;

/**
 * One figure of a task's results.
 *
 * @param key metric and filter
 * @param value the value, may be NaN when the source said so
 * @param stderr standard error, null when the source has none ({@code "N/A"})
 */
public record MetricValue(MetricKey key, double value, Double stderr) {
  public MetricValue {
    Objects.requireNonNull(key, "key");
    if (stderr != null && (stderr.isNaN() || stderr < 0)) {
      stderr = null;
    }
  }
}
