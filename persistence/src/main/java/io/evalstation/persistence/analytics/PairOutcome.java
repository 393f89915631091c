package io.evalstation.persistence.analytics;

/** What happened to one aligned sample between task A and task B. */
public enum PairOutcome {
  BOTH_CORRECT,
  /** Wrong in A, right in B. */
  FIXED,
  /** Right in A, wrong in B. */
  REGRESSED,
  BOTH_WRONG,
  /** Correctness unknown on at least one side. */
  UNKNOWN;

  /** The outcome of a pair of correctness flags (null = unknown). */
  public static PairOutcome of(Boolean a, Boolean b) {
    if (a == null || b == null) {
      return UNKNOWN;
    }
    if (a) {
      return b ? BOTH_CORRECT : REGRESSED;
    }
    return b ? FIXED : BOTH_WRONG;
  }
}
