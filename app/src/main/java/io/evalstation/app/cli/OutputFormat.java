package io.evalstation.app.cli;

/** Output formats of the analytics verbs. */
public enum OutputFormat {
  TABLE,
  CSV,
  JSON,
  XLSX,
  LATEX
}
