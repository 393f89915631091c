package io.evalstation.persistence.files.legacy;

import java.util.Map;

/**
 * An entry of a legacy session's {@code models} map (keyed by the model's name).
 *
 * @param family {@code model_family}, e.g. {@code qwen3}; may be null
 * @param parameterCount {@code parameter_count}; may be null
 * @param specialization {@code specialization}, e.g. {@code general}, {@code code}; may be null
 * @param backend {@code backend}, the inference backend, e.g. {@code vllm}; may be null
 * @param weights {@code weights} (older files: {@code model_path}); written when known
 * @param extra further fields, in order; may be empty
 */
public record LegacyModel(
    String family,
    Long parameterCount,
    String specialization,
    String backend,
    String weights,
    Map<String, ?> extra) {
  public LegacyModel {
    extra = extra == null ? Map.of() : extra;
  }
}
