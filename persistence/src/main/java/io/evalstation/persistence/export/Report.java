package io.evalstation.persistence.export;

import java.util.Objects;

/**
 * One result ready to be written in any {@link ReportFormat}.
 *
 * @param table the result as a table (text, CSV, LaTeX, workbook)
 * @param records the result as records, for JSON (the table when null)
 * @param info what the export records about itself (the workbook's About sheet)
 * @param caption the LaTeX caption
 */
public record Report(ReportTable table, Object records, ExportInfo info, String caption) {
  public Report {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(info, "info");
  }
}
