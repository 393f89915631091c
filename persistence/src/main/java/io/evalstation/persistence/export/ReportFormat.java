package io.evalstation.persistence.export;

import java.util.List;

/**
 * The formats a report is written in, by the command line ({@code --format}) and the desktop's
 * exports alike: {@link ReportWriter} is the one place that tells them apart.
 */
public enum ReportFormat {
  /** Aligned plain text for the terminal, best values marked with {@code *}. */
  TABLE("Text table", "txt"),
  /** RFC 4180 CSV at full precision. */
  CSV("CSV", "csv"),
  /** The result's records as JSON (times as ISO text). */
  JSON("JSON", "json"),
  /** An Excel workbook with an About sheet; files only. */
  XLSX("Excel workbook", "xlsx"),
  /** A LaTeX booktabs table. */
  LATEX("LaTeX table", "tex");

  /** What the desktop offers for a file export. */
  public static final List<ReportFormat> FILE_EXPORTS = List.of(XLSX, CSV, LATEX);

  private final String label;
  private final String extension;

  ReportFormat(String label, String extension) {
    this.label = label;
    this.extension = extension;
  }

  /** The name a person reads ("Excel workbook"). */
  public String label() {
    return label;
  }

  /** The file name extension, without the dot. */
  public String extension() {
    return extension;
  }
}
