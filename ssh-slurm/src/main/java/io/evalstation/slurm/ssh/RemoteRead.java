package io.evalstation.slurm.ssh;

/**
 * A read of one remote file from a byte offset, for following logs and CSVs.
 *
 * @param path the remote path (a plain path: see {@link io.evalstation.slurm.ShellQuote#SAFE_PATH})
 * @param offset where to start
 * @param maxBytes at most this many bytes
 */
public record RemoteRead(String path, long offset, int maxBytes) {
  public RemoteRead {
    if (offset < 0 || maxBytes < 0) {
      throw new IllegalArgumentException(
          "offset "
              + offset
              + " and maxBytes "
              + maxBytes
              + " of "
              + path
              + " must not be negative");
    }
  }
}
