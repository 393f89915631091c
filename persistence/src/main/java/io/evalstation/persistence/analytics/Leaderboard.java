package io.evalstation.persistence.analytics;

import io.evalstation.model.MetricKey;
import java.util.List;

/**
 * A ranked leaderboard for one metric.
 *
 * @param metric the metric and filter the leaderboard ranks by (the default filter resolved)
 * @param higherIsBetter false for perplexity and other lower-is-better metrics
 * @param filter the filters it was computed under
 * @param rows models in rank order
 */
public record Leaderboard(
    MetricKey metric, boolean higherIsBetter, ResultFilter filter, List<LeaderboardRow> rows) {
  public Leaderboard {
    rows = List.copyOf(rows);
  }
}
