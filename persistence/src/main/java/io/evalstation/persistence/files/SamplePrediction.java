package io.evalstation.persistence.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One sample's prediction, as the readers hand it out and the legacy writer takes it: the columns
 * of {@code predictions} (the legacy format's prediction element names them, see {@code
 * LegacyFormat}; an lm-eval samples line is read into them). JSON values stay JSON values.
 *
 * @param sampleId {@code sample_id}, the sample's index in its dataset (a legacy file with textual
 *     ids numbers its predictions in order and keeps the id as {@code source_sample_id} in {@code
 *     extra}; lm-eval's {@code doc_id})
 * @param filter {@code filter}; written when known ({@code none} when a file has none)
 * @param promptHash {@code prompt_hash}, SHA-256 hex of the prompt; may be null
 * @param docHash {@code doc_hash}; written when known
 * @param prompt {@code prompt}; written when known
 * @param prediction {@code prediction}, the model's answer; may be null
 * @param filteredPrediction {@code filtered_prediction}; written when known
 * @param groundTruth {@code ground_truth}, the reference answer; may be null
 * @param correct {@code correct}: true/false, or null to leave the field out (unknown)
 * @param executionTime {@code execution_time}, seconds; may be null
 * @param sampleMetrics {@code sample_metrics}, a JSON object; written when known
 * @param extra further fields, in order; may be empty
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
    JsonNode sampleMetrics,
    Map<String, ?> extra) {
  public SamplePrediction {
    extra = extra == null ? Map.of() : extra;
  }

  /** A prediction with the fields the cluster pipeline wrote. */
  public static SamplePrediction of(
      int sampleId,
      String promptHash,
      String prediction,
      String groundTruth,
      Double executionTime,
      Boolean correct,
      Map<String, ?> extra) {
    return new SamplePrediction(
        sampleId,
        null,
        promptHash,
        null,
        null,
        prediction,
        null,
        groundTruth,
        correct,
        executionTime,
        null,
        extra);
  }
}
