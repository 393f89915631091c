package io.evalstation.persistence.files.legacy;

import java.util.Map;

/**
 * An entry of a legacy session's {@code datasets} map (keyed by the dataset's name).
 *
 * @param taskType {@code task_type}, e.g. {@code code_generation}; may be null
 * @param category {@code category}, e.g. {@code coding}; may be null
 * @param sampleCount {@code sample_count}, samples in the dataset; may be null
 * @param filePath {@code file_path}, where the dataset was on the cluster; may be null
 * @param harnessTask {@code harness_task}, the lm-eval task it runs as; written when known
 * @param extra further fields, in order; may be empty
 */
public record LegacyDataset(
    String taskType,
    String category,
    Integer sampleCount,
    String filePath,
    String harnessTask,
    Map<String, ?> extra) {
  public LegacyDataset {
    extra = extra == null ? Map.of() : extra;
  }
}
