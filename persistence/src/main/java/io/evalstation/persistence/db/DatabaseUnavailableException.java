package io.evalstation.persistence.db;

/** The database could not be reached or opened; the message says which and why. */
public class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
