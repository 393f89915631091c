package io.evalstation.persistence.analytics;

/**
 * A page of two tasks' predictions side by side (the Predictions view). Pages are keyset pages
 * ordered by (sample id, filter): pass the last row's sample id and filter as {@code afterSampleId}
 * / {@code afterFilter} for the next page.
 *
 * @param taskA baseline task
 * @param taskB compared task
 * @param outcome which pairs to show; null for all
 * @param search text searched (case-insensitive) in prompt, ground truth and both predictions; null
 *     or blank for none
 * @param pageSize rows per page, 1..10000
 * @param afterSampleId keyset cursor: rows after this sample id; null for the first page
 * @param afterFilter keyset cursor's filter; null means after every filter of {@code afterSampleId}
 */
public record PredictionPairQuery(
    long taskA,
    long taskB,
    PairOutcome outcome,
    String search,
    int pageSize,
    Integer afterSampleId,
    String afterFilter) {
  public PredictionPairQuery {
    if (pageSize < 1 || pageSize > 10_000) {
      throw new IllegalArgumentException("page size " + pageSize + " is not 1..10000");
    }
    search = search == null || search.isBlank() ? null : search.trim();
  }

  /** The first page of all pairs. */
  public static PredictionPairQuery firstPage(long taskA, long taskB, int pageSize) {
    return new PredictionPairQuery(taskA, taskB, null, null, pageSize, null, null);
  }

  /** The same query for the page after {@code last}. */
  public PredictionPairQuery after(PredictionPair last) {
    return new PredictionPairQuery(
        taskA, taskB, outcome, search, pageSize, last.sampleId(), last.filter());
  }

  public PredictionPairQuery withOutcome(PairOutcome o) {
    return new PredictionPairQuery(taskA, taskB, o, search, pageSize, null, null);
  }

  public PredictionPairQuery withSearch(String text) {
    return new PredictionPairQuery(taskA, taskB, outcome, text, pageSize, null, null);
  }
}
