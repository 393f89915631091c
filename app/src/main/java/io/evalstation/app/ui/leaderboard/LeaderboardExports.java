package io.evalstation.app.ui.leaderboard;

import io.evalstation.app.ui.leaderboard.LeaderboardViewModel.ExportFormat;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.export.CsvExport;
import io.evalstation.persistence.export.ExportInfo;
import io.evalstation.persistence.export.LatexExport;
import io.evalstation.persistence.export.ReportTable;
import io.evalstation.persistence.export.Reports;
import io.evalstation.persistence.export.XlsxExport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Writes the leaderboard shown with the same exporters as {@code evalstation export}. */
public final class LeaderboardExports implements LeaderboardViewModel.Exporter {
  private final String database;
  private final Clock clock;

  /**
   * @param database the database's description, recorded in the workbook's About sheet
   */
  public LeaderboardExports(String database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public void write(Leaderboard board, ExportFormat format, Path file) throws IOException {
    writeTable(
        Reports.leaderboard(board),
        "leaderboard of " + board.metric(),
        board.filter().describe(),
        format,
        file);
  }

  /**
   * Writes any report table (leaderboard, pivot, trends, a session's tasks) in {@code format}.
   *
   * @param query what the table answers, lower case; the workbook's About sheet and, capitalised,
   *     the LaTeX caption
   * @param filters the filters applied, for the About sheet
   */
  public void writeTable(
      ReportTable table, String query, String filters, ExportFormat format, Path file)
      throws IOException {
    switch (format) {
      case XLSX -> {
        ExportInfo info = new ExportInfo(query, filters, database, clock.instant(), Map.of());
        try (XlsxExport x = new XlsxExport(info)) {
          x.table(table).writeTo(file);
        }
      }
      case CSV -> CsvExport.write(table, file);
      case LATEX -> LatexExport.write(table, caption(query), file);
    }
  }

  /** The workbook metadata for a custom workbook (e.g. tasks plus streamed predictions). */
  public ExportInfo info(String query, String filters, Map<String, String> extra) {
    return new ExportInfo(query, filters, database, clock.instant(), extra);
  }

  private static String caption(String query) {
    return query.isEmpty() ? query : Character.toUpperCase(query.charAt(0)) + query.substring(1);
  }
}
