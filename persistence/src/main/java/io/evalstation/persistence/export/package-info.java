/**
 * Exports of analytics results: every result becomes a {@link
 * io.evalstation.persistence.export.ReportTable} ({@link
 * io.evalstation.persistence.export.Reports}) and {@link
 * io.evalstation.persistence.export.ReportWriter} writes it in a {@link
 * io.evalstation.persistence.export.ReportFormat}: plain text ({@link
 * io.evalstation.persistence.export.TextTable}), RFC 4180 CSV ({@link
 * io.evalstation.persistence.export.CsvExport}), JSON ({@link
 * io.evalstation.persistence.export.JsonExport}), a LaTeX booktabs table ({@link
 * io.evalstation.persistence.export.LatexExport}) or an Excel workbook ({@link
 * io.evalstation.persistence.export.XlsxExport}, streaming). {@link
 * io.evalstation.persistence.export.ExportService} reads what an export asks for and is the one
 * entry of the command line and the desktop. Files are written atomically ({@link
 * io.evalstation.persistence.export.AtomicFiles}).
 */
package io.evalstation.persistence.export;
