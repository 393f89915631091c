package io.evalstation.persistence.analytics;

import java.util.List;
import java.util.Optional;

/**
 * A page of aligned predictions.
 *
 * @param rows the rows, ordered by sample id and filter
 * @param hasMore whether another page may follow
 */
public record PredictionPage(List<PredictionPair> rows, boolean hasMore) {
  public PredictionPage {
    rows = List.copyOf(rows);
  }

  /** The query for the next page, when there is one. */
  public Optional<PredictionPairQuery> next(PredictionPairQuery current) {
    return hasMore && !rows.isEmpty()
        ? Optional.of(current.after(rows.get(rows.size() - 1)))
        : Optional.empty();
  }
}
