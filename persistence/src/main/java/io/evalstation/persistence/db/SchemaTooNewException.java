package io.evalstation.persistence.db;

/** The database was migrated by a newer Evalstation than this one. */
public class SchemaTooNewException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaTooNewException(String message) {
    super(message);
  }
}
