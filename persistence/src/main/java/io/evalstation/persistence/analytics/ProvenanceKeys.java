package io.evalstation.persistence.analytics;

import java.util.List;

/**
 * The keys of the task and session {@code provenance} JSONB that analytics reads. A task's value
 * wins over its session's. Importers and the launcher should write the first name of each list.
 */
public final class ProvenanceKeys {
  /** Number of GPUs the task used (for GPU-hours); absent means 1. */
  public static final List<String> GPUS = List.of("gpus", "gpu_count", "num_gpus");

  /** Few-shot count. */
  public static final List<String> N_SHOT = List.of("n_shot", "num_fewshot", "n-shot");

  /** Evaluation harness version (lm-eval's version, or the legacy pipeline's). */
  public static final List<String> HARNESS_VERSION =
      List.of("harness_version", "lm_eval_version", "version");

  private ProvenanceKeys() {}
}
