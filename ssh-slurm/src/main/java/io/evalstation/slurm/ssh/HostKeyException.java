package io.evalstation.slurm.ssh;

/**
 * The server's host key was refused: unknown and rejected by the user, or different from the one
 * recorded in known_hosts. Never retried.
 */
public class HostKeyException extends ClusterException {
  private static final long serialVersionUID = 1L;

  public HostKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
