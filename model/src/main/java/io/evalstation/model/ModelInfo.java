package io.evalstation.model;

/**
 * A model in the registry.
 *
 * @param name registry name (as used in tasks)
 * @param family model family ({@code qwen3}, {@code llama3}, …)
 * @param parameterCount number of parameters, null when unknown
 * @param specialization {@code general}, {@code code}, {@code math}, …
 * @param backend {@code vllm}, {@code hf}, …
 * @param weights weights path or hub id
 */
public record ModelInfo(
    String name,
    String family,
    Long parameterCount,
    String specialization,
    String backend,
    String weights) {
  public ModelInfo {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model name is missing");
    }
    if (parameterCount != null && parameterCount <= 0) {
      throw new IllegalArgumentException(
          "model " + name + ": parameter count " + parameterCount + " is not positive");
    }
  }

  /** A model known only by name. */
  public static ModelInfo named(String name) {
    return new ModelInfo(name, null, null, null, null, null);
  }
}
