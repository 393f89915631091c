package io.evalstation.persistence.export;

/** How a report column's values are formatted. */
public enum ColumnKind {
  /** Text. */
  TEXT,
  /** A whole number. */
  INTEGER,
  /** A metric or other real number (4 decimals on screen and in Excel, 3 in LaTeX). */
  DECIMAL,
  /** A fraction shown as a percentage. */
  PERCENT,
  /** A point in time (UTC). */
  TIMESTAMP,
  /** A {@link MeanStderr}: "mean ± stderr". */
  MEAN_STDERR
}
