package io.evalstation.persistence.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * An RFC 4180 CSV writer: fields separated by commas, records ended by CRLF, a field quoted when it
 * holds a comma, a double quote, CR or LF (or starts/ends with a space), quotes doubled inside.
 */
public final class CsvWriter {
  private final Writer out;

  public CsvWriter(Writer out) {
    this.out = out;
  }

  /** Writes one record; null fields are empty. */
  public void writeRecord(List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String f = fields.get(i);
      if (f != null) {
        out.write(escape(f));
      }
    }
    out.write("\r\n");
  }

  /** The field as it appears in the file. */
  public static String escape(String field) {
    boolean quote = false;
    for (int i = 0; i < field.length() && !quote; i++) {
      char c = field.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!field.isEmpty()
        && (Character.isWhitespace(field.charAt(0))
            || Character.isWhitespace(field.charAt(field.length() - 1)))) {
      quote = true;
    }
    if (!quote) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  public void flush() throws IOException {
    out.flush();
  }
}
