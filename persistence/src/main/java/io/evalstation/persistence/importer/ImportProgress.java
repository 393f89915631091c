package io.evalstation.persistence.importer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A snapshot of a running import, for a progress bar.
 *
 * @param filesDone files fully processed (imported, unchanged or failed)
 * @param filesTotal files to process
 * @param bytesDone bytes read so far (including skipped, unchanged files)
 * @param bytesTotal total bytes of all files
 * @param predictions predictions stored so far
 * @param predictionsPerSecond predictions stored per second since the start
 * @param eta estimated time left from the byte rate; null until it can be estimated
 * @param currentFile the file being read, null between files
 */
public record ImportProgress(
    int filesDone,
    int filesTotal,
    long bytesDone,
    long bytesTotal,
    long predictions,
    double predictionsPerSecond,
    Duration eta,
    Path currentFile) {
  /** Fraction of bytes done, 0..1. */
  public double fraction() {
    return bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesDone / bytesTotal);
  }
}
