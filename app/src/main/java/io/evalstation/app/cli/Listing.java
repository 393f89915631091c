package io.evalstation.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** Records as {@code --json}, or as a fixed-width table with a header line. */
final class Listing {
  private Listing() {}

  /**
   * Prints the rows.
   *
   * @param format the printf format of one line, header and rows alike
   * @param cells a row's cells, in the header's order
   */
  static <T> void print(
      PrintWriter out,
      List<T> rows,
      boolean json,
      String format,
      List<String> headers,
      Function<T, List<Object>> cells) {
    if (json) {
      Json.print(out, rows);
      return;
    }
    out.printf(format, headers.toArray());
    for (T row : rows) {
      out.printf(format, cells.apply(row).toArray());
    }
    out.flush();
  }

  /** A missing value as the tables show it. */
  static String dash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
