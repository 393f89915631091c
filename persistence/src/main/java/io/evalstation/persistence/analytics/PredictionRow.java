package io.evalstation.persistence.analytics;

/**
 * One prediction of a session, for exports.
 *
 * @param taskIndex the task's position in its session
 * @param model model name
 * @param dataset dataset name
 * @param sampleId sample id
 * @param filter prediction filter
 * @param correct correctness, null when unknown
 * @param executionTime seconds, may be null
 * @param prediction the response (filtered when present, else raw)
 * @param groundTruth the reference answer
 * @param promptHash prompt hash, may be null
 */
public record PredictionRow(
    int taskIndex,
    String model,
    String dataset,
    int sampleId,
    String filter,
    Boolean correct,
    Double executionTime,
    String prediction,
    String groundTruth,
    String promptHash) {}
