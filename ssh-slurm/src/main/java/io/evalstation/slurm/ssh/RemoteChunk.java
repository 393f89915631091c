package io.evalstation.slurm.ssh;

import java.nio.charset.StandardCharsets;

/**
 * Bytes read from a remote file starting at an offset, for following logs and CSVs.
 *
 * @param offset where the read started
 * @param data the bytes read (empty when nothing new)
 * @param fileSize the file's size when read, -1 when the file does not exist
 */
public record RemoteChunk(long offset, byte[] data, long fileSize) {

  /** True when the remote file exists. */
  public boolean exists() {
    return fileSize >= 0;
  }

  /** The offset to read from next time. */
  public long nextOffset() {
    return offset + data.length;
  }

  /** The bytes read as UTF-8 text (a split multi-byte character becomes U+FFFD). */
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /**
   * The complete lines read (up to and including the last newline), so that a half-written last
   * line is read again next time.
   */
  public String completeLines() {
    int last = lastNewline();
    return last < 0 ? "" : new String(data, 0, last + 1, StandardCharsets.UTF_8);
  }

  /** The offset just after the last complete line: where the next read should start. */
  public long nextLineOffset() {
    return offset + lastNewline() + 1;
  }

  private int lastNewline() {
    for (int i = data.length - 1; i >= 0; i--) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
