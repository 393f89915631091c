package io.evalstation.persistence.files.legacy;

import java.util.Map;

/**
 * The {@code results} object of a task.
 *
 * @param samplesProcessed {@code samples_processed}; may be null
 * @param evaluationMetrics {@code evaluation_metrics}: metric name to value, in order ({@code
 *     pass_at_1}, {@code accuracy}…); values are numbers, or JSON values as a file has them
 * @param averageExecutionTime {@code average_execution_time}, seconds per sample; may be null
 * @param extra further fields, in order; may be empty
 */
public record LegacyResults(
    Integer samplesProcessed,
    Map<String, ?> evaluationMetrics,
    Double averageExecutionTime,
    Map<String, ?> extra) {
  public LegacyResults {
    evaluationMetrics = evaluationMetrics == null ? Map.of() : evaluationMetrics;
    extra = extra == null ? Map.of() : extra;
  }
}
