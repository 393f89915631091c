package io.evalstation.persistence.db;

/**
 * A row changed under an update: someone else (another desktop, the monitor) wrote it since it was
 * read. The caller re-reads and decides again.
 */
public class OptimisticLockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OptimisticLockException(String message) {
    super(message);
  }
}
