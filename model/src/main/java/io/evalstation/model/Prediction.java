package io.evalstation.model;

/**
 * One sample's prediction within a task.
 *
 * @param taskId the task
 * @param sampleId the sample's id in its dataset
 * @param filter lm-eval filter, {@code none} for legacy predictions
 * @param promptHash hash of the prompt, identifies the sample across runs
 * @param docHash hash of the document, when the source has it
 * @param prompt the prompt text, when kept
 * @param prediction the model's raw response
 * @param filteredPrediction the response after the filter, when any
 * @param groundTruth the reference answer
 * @param correct whether it was judged correct; null when unknown
 * @param executionTime seconds spent, when known
 */
public record Prediction(
    long taskId,
    int sampleId,
    String filter,
    String promptHash,
    String docHash,
    String prompt,
    String prediction,
    String filteredPrediction,
    String groundTruth,
    Boolean correct,
    Double executionTime) {}
