package io.evalstation.persistence.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.model.EvaluationSession;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Corpus;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.export.ExportService.MetricTable;
import io.evalstation.persistence.export.ExportService.Request;
import io.evalstation.persistence.export.XlsxStreamReader.SheetData;
import io.evalstation.persistence.repo.SessionRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The one export service and report writer, on a real embedded PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportServiceTest {
  @TempDir static Path dir;
  private static final MetricSelector PASS_AT_1 = MetricSelector.parse("pass@1");
  Database db;
  Corpus corpus;
  ExportService exports;
  EvaluationSession s1;

  @BeforeAll
  void load() {
    db = TestDatabase.open(dir.resolve("db"));
    corpus = Corpus.load(db.dsl());
    exports =
        new ExportService(
            new Analytics(db),
            "test database",
            Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));
    s1 = new SessionRepository(db).find(corpus.s1).orElseThrow();
  }

  /** The given tables of pass@1 over everything, by day. */
  private static Request tables(MetricTable... tables) {
    return Request.of(PASS_AT_1, ResultFilter.all(), TimeBucket.DAY, tables);
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void aWorkbookHoldsTheMetricsTablesAndTheSessionWithItsPredictions() throws Exception {
    Path file = dir.resolve("all.xlsx");
    List<String> stages = new ArrayList<>();
    ExportService.Result r =
        exports.export(
            tables(MetricTable.LEADERBOARD, MetricTable.PIVOT, MetricTable.TRENDS)
                .withSession(s1, true),
            ReportFormat.XLSX,
            file,
            new ExportService.Listener() {
              @Override
              public void stage(int done, String message) {
                stages.add(done + " " + message);
              }
            });
    assertThat(r.predictions()).isEqualTo(14);
    assertThat(stages).containsExactly("0 Querying …", "1 Writing all.xlsx");
    Map<String, SheetData> book = XlsxStreamReader.read(file);
    assertThat(book.keySet())
        .containsExactly(
            "Leaderboard", "Pivot pass_at_1,none", "Trends", "Tasks", "Predictions", "About");
    SheetData about = book.get("About");
    assertThat(about.values(1))
        .containsExactly(
            "Query",
            "leaderboard, pivot and trends of pass_at_1;" + " tasks and predictions of session s1");
    assertThat(about.values(3)).containsExactly("Database", "test database");
    assertThat(about.values(4)).containsExactly("Exported at (UTC)", "2026-11-26T20:00:00Z");
    assertThat(about.values(6)).containsExactly("Session", "s1 (id " + corpus.s1 + ")");
  }

  @Test
  void csvAndLatexHoldOneTable() throws Exception {
    Path csv = dir.resolve("tasks.csv");
    exports.export(Request.session(s1, false), ReportFormat.CSV, csv, ExportService.Listener.NONE);
    assertThat(Files.readAllLines(csv).get(0)).contains("Model");
    Path tex = dir.resolve("pivot.tex");
    exports.export(tables(MetricTable.PIVOT), ReportFormat.LATEX, tex, ExportService.Listener.NONE);
    assertThat(Files.readString(tex))
        .contains("\\caption{Pivot of pass\\_at\\_1}")
        .contains("\\toprule");

    Path two = dir.resolve("two.csv");
    assertThatThrownBy(
            () ->
                exports.export(
                    tables(MetricTable.LEADERBOARD, MetricTable.PIVOT),
                    ReportFormat.CSV,
                    two,
                    ExportService.Listener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CSV holds one table");
    assertThatThrownBy(
            () ->
                exports.export(
                    Request.session(s1, true),
                    ReportFormat.LATEX,
                    two,
                    ExportService.Listener.NONE))
        .hasMessageContaining("needs a workbook");
    assertThat(two).doesNotExist();
  }

  @Test
  void aCancelledExportLeavesNoFile() {
    Path file = dir.resolve("cancelled.xlsx");
    assertThatThrownBy(
            () ->
                exports.export(
                    Request.session(s1, true),
                    ReportFormat.XLSX,
                    file,
                    new ExportService.Listener() {
                      @Override
                      public boolean cancelled() {
                        return true;
                      }
                    }))
        .isInstanceOf(CancellationException.class);
    assertThat(file).doesNotExist();
  }

  @Test
  void aRequestSaysWhatItAnswersAndRefusesNonsense() {
    assertThat(Request.of(PASS_AT_1, ResultFilter.all(), null, MetricTable.LEADERBOARD).describe())
        .isEqualTo("leaderboard of pass_at_1");
    assertThat(
            Request.of(PASS_AT_1, null, null, MetricTable.LEADERBOARD, MetricTable.TRENDS)
                .describe())
        .isEqualTo("leaderboard and trends of pass_at_1");
    assertThat(Request.session(s1, false).describe()).isEqualTo("tasks of session s1");
    assertThatThrownBy(() -> Request.of(null, null, null, MetricTable.PIVOT))
        .hasMessageContaining("need a metric");
    assertThatThrownBy(() -> new Request(null, List.of(), null, null, null, false))
        .hasMessageContaining("needs a metric's tables or a session");
  }

  @Test
  void theReportWriterPrintsEveryFormatButAWorkbookOnATerminal() throws Exception {
    var board = new Analytics(db).leaderboards().leaderboard(PASS_AT_1, ResultFilter.all());
    Report report =
        new Report(
            Reports.leaderboard(board),
            board,
            exports.info("leaderboard of pass_at_1", ResultFilter.all().describe()),
            "Leaderboard by pass@1");
    StringWriter text = new StringWriter();
    ReportWriter.print(report, ReportFormat.TABLE, new PrintWriter(text));
    assertThat(text.toString()).contains("0.7000 *").contains("-----");
    StringWriter json = new StringWriter();
    ReportWriter.print(report, ReportFormat.JSON, new PrintWriter(json));
    assertThat(json.toString()).contains("\"model\" : \"alpha\"").endsWith("\n");
    StringWriter latex = new StringWriter();
    ReportWriter.print(report, ReportFormat.LATEX, new PrintWriter(latex));
    assertThat(latex.toString()).contains("\\caption{Leaderboard by pass@1}");
    assertThatThrownBy(
            () ->
                ReportWriter.print(report, ReportFormat.XLSX, new PrintWriter(new StringWriter())))
        .hasMessage("--format xlsx needs --out FILE.xlsx");
    Path file = dir.resolve("board.xlsx");
    ReportWriter.write(report, ReportFormat.XLSX, file);
    assertThat(XlsxStreamReader.read(file).keySet()).containsExactly("Leaderboard", "About");
  }
}
