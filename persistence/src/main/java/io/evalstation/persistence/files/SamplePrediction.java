package io.evalstation.persistence.files;

/**
 * One sample's prediction as the readers hand it to the importer, in the columns of {@code
 * predictions}; JSON columns hold JSON text.
 *
 * @param sampleId the sample's index in its dataset
 * @param filter the filter ({@code none} when the source has none)
 * @param promptHash hash of the prompt, may be null
 * @param docHash hash of the document, may be null
 * @param prompt the prompt text, may be null
 * @param prediction the model's response, may be null
 * @param filteredPrediction the response after the filter, may be null
 * @param groundTruth the reference answer, may be null
 * @param correct whether it was judged correct; null when unknown
 * @param executionTime seconds, may be null (or NaN when the source said so)
 * @param sampleMetricsJson the sample's metrics as a JSON object, may be null
 * @param extraJson the source's other fields as a JSON object, may be null
 */
public record SamplePrediction(
    int sampleId,
    String filter,
    String promptHash,
    String docHash,
    String prompt,
    String prediction,
    String filteredPrediction,
    String groundTruth,
    Boolean correct,
    Double executionTime,
    String sampleMetricsJson,
    String extraJson) {}
