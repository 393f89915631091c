package io.evalstation.model;

import java.util.Locale;

/** Where a session came from. */
public enum SourceKind {
  /** Launched from Evalstation on a cluster. */
  LAUNCH,
  /** Imported from the legacy file-based pipeline's JSON files. */
  LEGACY,
  /** Imported from lm-evaluation-harness output. */
  LM_EVAL;

  /** The value stored in the database. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored value. */
  public static SourceKind parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
