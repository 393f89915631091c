package io.evalstation.app.cli;

import io.evalstation.persistence.export.JsonExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Writes {@code --json} output: one pretty-printed JSON document (as {@code --format json}). */
public final class Json {
  private Json() {}

  /** Prints {@code value} (maps, lists, records) as JSON. */
  public static void print(PrintWriter out, Object value) {
    try {
      JsonExport.write(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON output: " + e.getMessage(), e);
    }
  }
}
