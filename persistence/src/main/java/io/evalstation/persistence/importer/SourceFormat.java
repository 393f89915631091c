package io.evalstation.persistence.importer;

/** What a file was recognised as, by its content. */
public enum SourceFormat {
  /** A legacy {@code evaluation_session_*.json}: session, tasks, results, performance samples. */
  LEGACY_SESSION,
  /** A legacy {@code predictions_*_task*.json}: one task's predictions. */
  LEGACY_PREDICTIONS,
  /**
   * An lm-evaluation-harness results file ({@code results.json} or {@code results_<date>.json}).
   */
  LM_EVAL_RESULTS,
  /** lm-evaluation-harness samples, one JSON object per line (0.4.3 and later). */
  LM_EVAL_SAMPLES_JSONL,
  /** lm-evaluation-harness samples as one JSON array (0.4.2 and earlier). */
  LM_EVAL_SAMPLES_ARRAY,
  /** Not a format Evalstation reads. */
  UNKNOWN
}
