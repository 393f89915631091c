/**
 * Exports of analytics results: every result becomes a {@link
 * io.evalstation.persistence.export.ReportTable} ({@link
 * io.evalstation.persistence.export.Reports}) and is written as plain text ({@link
 * io.evalstation.persistence.export.TextTable}), RFC 4180 CSV ({@link
 * io.evalstation.persistence.export.CsvExport}), a LaTeX booktabs table ({@link
 * io.evalstation.persistence.export.LatexExport}) or an Excel workbook ({@link
 * io.evalstation.persistence.export.XlsxExport}, streaming). Files are written atomically ({@link
 * io.evalstation.persistence.export.AtomicFiles}).
 */
package io.evalstation.persistence.export;
