package io.evalstation.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.evalstation.persistence.export.CsvExport;
import io.evalstation.persistence.export.ExportInfo;
import io.evalstation.persistence.export.LatexExport;
import io.evalstation.persistence.export.ReportTable;
import io.evalstation.persistence.export.TextTable;
import io.evalstation.persistence.export.XlsxExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --out} of the analytics verbs, and writing the result (mixin). */
public final class OutputOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv, json, xlsx or latex (default ${DEFAULT-VALUE}; xlsx needs --out).")
  OutputFormat format = OutputFormat.TABLE;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to FILE (atomically) instead of the terminal.")
  Path out;

  /** Jackson with times as ISO text (records serialize as objects). */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule()
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addSerializer(Duration.class, ToStringSerializer.instance));

  /**
   * Emits a result.
   *
   * @param table the result as a table (table, csv, latex, xlsx)
   * @param json the result as records (json)
   * @param info the export's description (xlsx About sheet)
   * @param caption LaTeX caption
   */
  void emit(PrintWriter terminal, ReportTable table, Object json, ExportInfo info, String caption) {
    try {
      switch (format) {
        case TABLE -> {
          if (out != null) {
            io.evalstation.persistence.export.AtomicFiles.write(
                out,
                os -> {
                  PrintWriter w =
                      new PrintWriter(
                          new java.io.OutputStreamWriter(
                              os, java.nio.charset.StandardCharsets.UTF_8));
                  TextTable.print(table, w);
                  w.flush();
                });
          } else {
            TextTable.print(table, terminal);
          }
        }
        case CSV -> {
          if (out != null) {
            CsvExport.write(table, out);
          } else {
            CsvExport.write(table, terminal);
          }
        }
        case LATEX -> {
          if (out != null) {
            LatexExport.write(table, caption, out);
          } else {
            LatexExport.write(table, caption, terminal);
          }
        }
        case JSON -> {
          String text = JSON.writeValueAsString(json);
          if (out != null) {
            io.evalstation.persistence.export.AtomicFiles.write(
                out,
                os -> os.write((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          } else {
            terminal.println(text);
          }
        }
        case XLSX -> {
          if (out == null) {
            throw new IllegalArgumentException("--format xlsx needs --out FILE.xlsx");
          }
          try (XlsxExport x = new XlsxExport(info)) {
            x.table(table).writeTo(out);
          }
        }
      }
      if (out != null) {
        terminal.println("wrote " + out.toAbsolutePath());
      }
      terminal.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + (out == null ? "output" : out) + ": " + e.getMessage(), e);
    }
  }
}
