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
    ReportTable table = Reports.leaderboard(board);
    switch (format) {
      case XLSX -> {
        ExportInfo info =
            new ExportInfo(
                "leaderboard of " + board.metric(),
                board.filter().describe(),
                database,
                clock.instant(),
                Map.of());
        try (XlsxExport x = new XlsxExport(info)) {
          x.table(table).writeTo(file);
        }
      }
      case CSV -> CsvExport.write(table, file);
      case LATEX -> LatexExport.write(table, "Leaderboard of " + board.metric(), file);
    }
  }
}
