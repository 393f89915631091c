package io.evalstation.persistence.importer;

/** The import was cancelled; the unit being imported was rolled back. */
public final class ImportCancelledException extends RuntimeException {
  /** A cancellation. */
  public ImportCancelledException() {
    super("import cancelled");
  }
}
