package io.evalstation.persistence.analytics;

/**
 * A two-sided confidence interval.
 *
 * @param level confidence level, e.g. 0.95
 * @param low lower bound
 * @param high upper bound
 */
public record ConfidenceInterval(double level, double low, double high) {
  public ConfidenceInterval {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level " + level + " is not in (0, 1)");
    }
    if (low > high) {
      throw new IllegalArgumentException("interval low " + low + " is above high " + high);
    }
  }

  /** Whether {@code x} lies in the interval (bounds included). */
  public boolean contains(double x) {
    return x >= low && x <= high;
  }
}
