package io.evalstation.model;

/**
 * A dataset in the registry.
 *
 * @param name registry name
 * @param taskType {@code code_generation}, {@code math_reasoning}, …
 * @param category {@code coding}, {@code math}, …
 * @param sampleCount number of samples, null when unknown
 * @param filePath where the legacy pipeline read it from
 * @param harnessTask lm-evaluation-harness task name
 */
public record DatasetInfo(
    String name,
    String taskType,
    String category,
    Integer sampleCount,
    String filePath,
    String harnessTask) {
  public DatasetInfo {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("dataset name is missing");
    }
    if (sampleCount != null && sampleCount < 0) {
      throw new IllegalArgumentException(
          "dataset " + name + ": sample count " + sampleCount + " is negative");
    }
  }

  /** A dataset known only by name. */
  public static DatasetInfo named(String name) {
    return new DatasetInfo(name, null, null, null, null, null);
  }
}
