package io.evalstation.persistence.export;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A report table as CSV: numbers at full precision, times in ISO-8601 UTC, a "mean ± stderr" column
 * split into two columns ({@code humaneval}, {@code humaneval stderr}). Bold is not kept.
 */
public final class CsvExport {
  private CsvExport() {}

  /** Writes the table to a writer. */
  public static void write(ReportTable table, Writer out) throws IOException {
    CsvWriter csv = new CsvWriter(out);
    List<String> header = new ArrayList<>();
    for (ReportColumn c : table.columns()) {
      header.add(c.header());
      if (c.kind() == ColumnKind.MEAN_STDERR) {
        header.add(c.header() + " stderr");
      }
    }
    csv.writeRecord(header);
    for (ReportRow row : table.rows()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < table.columns().size(); i++) {
        Object v = row.values().get(i);
        if (table.columns().get(i).kind() == ColumnKind.MEAN_STDERR) {
          MeanStderr m = (MeanStderr) v;
          fields.add(m == null ? null : Formats.exact(m.mean()));
          fields.add(m == null || m.stderr() == null ? null : Formats.exact(m.stderr()));
        } else {
          fields.add(text(v));
        }
      }
      csv.writeRecord(fields);
    }
    csv.flush();
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return Formats.exact(n);
    }
    if (v instanceof Instant i) {
      return i.toString();
    }
    return v.toString();
  }
}
