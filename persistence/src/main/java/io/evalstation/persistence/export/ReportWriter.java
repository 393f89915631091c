package io.evalstation.persistence.export;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link Report} in a {@link ReportFormat}: the one format switch of the command line's
 * analytics verbs and the desktop's exports. Files are written atomically.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /** Writes the report to {@code file} (atomically: a failed write leaves no file behind). */
  public static void write(Report report, ReportFormat format, Path file) throws IOException {
    if (format == ReportFormat.XLSX) {
      try (XlsxExport x = new XlsxExport(report.info())) {
        x.table(report.table()).writeTo(file);
      }
      return;
    }
    AtomicFiles.write(
        file,
        os -> {
          Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
          write(report, format, w);
          w.flush();
        });
  }

  /**
   * Prints the report on a terminal.
   *
   * @throws IllegalArgumentException for {@link ReportFormat#XLSX}, which only a file holds
   */
  public static void print(Report report, ReportFormat format, PrintWriter out) throws IOException {
    if (format == ReportFormat.XLSX) {
      throw new IllegalArgumentException("--format xlsx needs --out FILE.xlsx");
    }
    write(report, format, out);
  }

  private static void write(Report report, ReportFormat format, Writer out) throws IOException {
    switch (format) {
      case TABLE -> {
        PrintWriter p = out instanceof PrintWriter pw ? pw : new PrintWriter(out);
        TextTable.print(report.table(), p);
      }
      case CSV -> CsvExport.write(report.table(), out);
      case LATEX -> LatexExport.write(report.table(), report.caption(), out);
      case JSON ->
          JsonExport.write(report.records() == null ? report.table() : report.records(), out);
      case XLSX -> throw new IllegalArgumentException("a workbook is written to a file");
    }
    out.flush();
  }
}
