package io.evalstation.persistence.importer;

import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.SamplePrediction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams prediction rows into {@code predictions} with {@code COPY ... FROM STDIN (FORMAT csv)} on
 * the import transaction's connection. CSV: every non-null value is quoted (double quotes doubled),
 * so tabs, newlines, backslashes and commas need no other escaping; NULL is an unquoted empty
 * field. PostgreSQL text cannot hold U+0000: it becomes U+FFFD.
 */
final class PredictionCopy implements AutoCloseable {
  static final String SQL =
      "COPY predictions (task_id, sample_id, filter, prompt_hash, doc_hash, prompt, prediction,"
          + " filtered_prediction, ground_truth, correct, execution_time, sample_metrics, extra)"
          + " FROM STDIN WITH (FORMAT csv)";

  private final PGCopyOutputStream out;
  private final Writer w;
  private long rows;
  private boolean closed;

  PredictionCopy(PGConnection connection) throws SQLException {
    this.out = new PGCopyOutputStream(connection, SQL, 1 << 16);
    this.w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  void add(long taskId, SamplePrediction r) throws IOException {
    w.write(Long.toString(taskId));
    w.write(',');
    w.write(Integer.toString(r.sampleId()));
    w.write(',');
    quoted(r.filter() == null ? "none" : r.filter());
    w.write(',');
    quoted(r.promptHash());
    w.write(',');
    quoted(r.docHash());
    w.write(',');
    quoted(r.prompt());
    w.write(',');
    quoted(r.prediction());
    w.write(',');
    quoted(r.filteredPrediction());
    w.write(',');
    quoted(r.groundTruth());
    w.write(',');
    if (r.correct() != null) {
      w.write(r.correct() ? "t" : "f");
    }
    w.write(',');
    if (r.executionTime() != null) {
      double d = r.executionTime();
      w.write(
          Double.isNaN(d)
              ? "NaN"
              : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d));
    }
    w.write(',');
    quoted(r.sampleMetrics() == null ? null : JsonFiles.text(r.sampleMetrics()));
    w.write(',');
    quoted(r.extra().isEmpty() ? null : JsonFiles.text(r.extra()));
    w.write('\n');
    rows++;
  }

  private void quoted(String s) throws IOException {
    if (s == null) {
      return;
    }
    w.write('"');
    int n = s.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\0') {
        w.write(s, start, i - start);
        w.write(c == '"' ? "\"\"" : "\uFFFD");
        start = i + 1;
      }
    }
    w.write(s, start, n - start);
    w.write('"');
  }

  long rows() {
    return rows;
  }

  /** Ends the COPY; returns the rows the server stored. */
  long finish() throws IOException {
    closed = true;
    w.flush();
    try {
      return out.endCopy();
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Abandons the COPY when not finished (the transaction rolls back anyway). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        if (out.isActive()) {
          out.cancelCopy();
        }
      } catch (SQLException e) {
        // The transaction is being rolled back; the cancel only frees the connection sooner.
        org.slf4j.LoggerFactory.getLogger(PredictionCopy.class)
            .debug("cancel copy: {}", e.toString());
      }
    }
  }
}
