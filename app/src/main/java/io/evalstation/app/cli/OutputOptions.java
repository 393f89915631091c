package io.evalstation.app.cli;

import io.evalstation.persistence.export.Report;
import io.evalstation.persistence.export.ReportFormat;
import io.evalstation.persistence.export.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --out} of the analytics verbs, and writing the result (mixin). */
public final class OutputOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv, json, xlsx or latex (default ${DEFAULT-VALUE}; xlsx needs --out).")
  ReportFormat format = ReportFormat.TABLE;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to FILE (atomically) instead of the terminal.")
  Path out;

  /** Writes the report to {@code --out}, or prints it on the terminal. */
  void emit(PrintWriter terminal, Report report) {
    try {
      if (out != null) {
        ReportWriter.write(report, format, out);
        terminal.println("wrote " + out.toAbsolutePath());
      } else {
        ReportWriter.print(report, format, terminal);
      }
      terminal.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + (out == null ? "output" : out) + ": " + e.getMessage(), e);
    }
  }
}
