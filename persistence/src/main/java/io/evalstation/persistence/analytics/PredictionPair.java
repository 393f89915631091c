package io.evalstation.persistence.analytics;

/**
 * One sample's predictions from two tasks.
 *
 * @param sampleId sample id (A's, when aligned by prompt hash)
 * @param filter prediction filter
 * @param promptHash A's prompt hash, may be null
 * @param prompt the prompt (A's), may be null
 * @param groundTruth the reference answer (A's), may be null
 * @param predictionA A's response (filtered when a filter applied, else raw)
 * @param correctA A's correctness, null when unknown
 * @param predictionB B's response
 * @param correctB B's correctness, null when unknown
 * @param outcome fixed / regressed / …
 */
public record PredictionPair(
    int sampleId,
    String filter,
    String promptHash,
    String prompt,
    String groundTruth,
    String predictionA,
    Boolean correctA,
    String predictionB,
    Boolean correctB,
    PairOutcome outcome) {}
