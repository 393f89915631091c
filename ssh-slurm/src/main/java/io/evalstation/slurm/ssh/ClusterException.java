package io.evalstation.slurm.ssh;

/** A cluster could not be reached or a remote operation failed; the message says which and why. */
public class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
