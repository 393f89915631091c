package io.evalstation.persistence.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Counts files, bytes and predictions of one import and tells its listener, throttled. */
final class ProgressTracker {
  private static final long EMIT_EVERY_NANOS = 200_000_000L;

  private final ImportListener listener;
  private final AtomicBoolean cancelled;
  private final long startNanos = System.nanoTime();
  private int filesTotal;
  private long bytesTotal;
  private int filesDone;
  private long bytesDone;
  private long predictions;
  private Path current;
  private long lastEmit;

  ProgressTracker(ImportListener listener, AtomicBoolean cancelled) {
    this.listener = listener == null ? ImportListener.NONE : listener;
    this.cancelled = cancelled == null ? new AtomicBoolean() : cancelled;
  }

  void setTotals(int files, long bytes) {
    this.filesTotal = files;
    this.bytesTotal = bytes;
    emit(true);
  }

  /** Throws when the import was cancelled (flag or thread interrupt): rolls back the unit. */
  void checkCancelled() {
    if (cancelled.get() || Thread.currentThread().isInterrupted()) {
      throw new ImportCancelledException();
    }
  }

  boolean isCancelled() {
    return cancelled.get() || Thread.currentThread().isInterrupted();
  }

  void startFile(Path file) {
    current = file;
    emit(false);
  }

  void bytes(long n) {
    bytesDone += n;
    emit(false);
  }

  void prediction() {
    predictions++;
    if ((predictions & 1023) == 0) {
      checkCancelled();
      emit(false);
    }
  }

  /** A unit ended: its files count as done; bytes not read (skipped files) count as done. */
  void filesDone(int files, long unreadBytes) {
    filesDone += files;
    bytesDone += unreadBytes;
    current = null;
    emit(true);
  }

  /** Predictions of a rolled-back unit no longer count. */
  void forgetPredictions(long n) {
    predictions -= n;
  }

  long predictions() {
    return predictions;
  }

  void unitDone(UnitReport report) {
    listener.unitDone(report);
  }

  ImportProgress snapshot() {
    double secs = (System.nanoTime() - startNanos) / 1e9;
    double rate = secs > 0 ? predictions / secs : 0;
    Duration eta = null;
    if (secs > 1 && bytesDone > 0 && bytesTotal > bytesDone) {
      double bytesPerSec = bytesDone / secs;
      eta = Duration.ofMillis((long) ((bytesTotal - bytesDone) / bytesPerSec * 1000));
    } else if (bytesTotal > 0 && bytesDone >= bytesTotal) {
      eta = Duration.ZERO;
    }
    return new ImportProgress(
        filesDone,
        filesTotal,
        Math.min(bytesDone, bytesTotal),
        bytesTotal,
        predictions,
        rate,
        eta,
        current);
  }

  private void emit(boolean force) {
    long now = System.nanoTime();
    if (force || now - lastEmit > EMIT_EVERY_NANOS) {
      lastEmit = now;
      listener.progress(snapshot());
    }
  }

  /** An input stream that reports bytes read to this tracker. */
  InputStream counting(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytes(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          bytes(n);
        }
        return n;
      }
    };
  }
}
