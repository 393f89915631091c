package io.evalstation.persistence.analytics;

/** How two tasks' samples were paired. */
public enum Alignment {
  /** By sample id (legacy sample_id, lm-eval doc_id) and filter. */
  SAMPLE_ID,
  /** By prompt hash and filter: used when no sample id matched. */
  PROMPT_HASH
}
