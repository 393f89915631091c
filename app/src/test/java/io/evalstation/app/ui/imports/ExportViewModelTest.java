package io.evalstation.app.ui.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.analysis.UiHarness;
import io.evalstation.app.ui.imports.ExportViewModel.What;
import io.evalstation.app.ui.leaderboard.LeaderboardExports;
import io.evalstation.app.ui.leaderboard.LeaderboardViewModel.ExportFormat;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.MetricSelector;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Export section's state on a real embedded PostgreSQL, without a screen. */
class ExportViewModelTest {
  @TempDir static Path dir;
  static UiHarness harness;

  @BeforeAll
  static void data() {
    harness = UiHarness.open(dir);
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

  private static ExportViewModel viewModel() {
    ExportViewModel vm =
        new ExportViewModel(
            new Analytics(harness.db),
            harness.context.sessions()::listSummaries,
            new LeaderboardExports("test database", CLOCK),
            new CurrentThreadTaskExecutor());
    vm.refresh();
    return vm;
  }

  @Test
  void writesTheLeaderboardAsCsvAndLatex() throws Exception {
    ExportViewModel vm = viewModel();
    assertThat(vm.metricProperty().get().metric()).isEqualTo("exact_match");
    vm.whatProperty().set(What.LEADERBOARD);
    vm.formatProperty().set(ExportFormat.CSV);
    Path csv = dir.resolve("board.csv");
    vm.targetProperty().set(csv);
    vm.export();
    assertThat(vm.statusProperty().get()).isEqualTo("Wrote " + csv);
    assertThat(vm.runningProperty().get()).isFalse();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).containsIgnoringCase("model");
    // Three models, best first.
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("qwen2-7b");
    assertThat(lines.get(3)).contains("deepseek-coder-6.7b");

    vm.formatProperty().set(ExportFormat.LATEX);
    vm.metricProperty().set(new MetricSelector("pass_at_1", null));
    Path tex = dir.resolve("board.tex");
    vm.targetProperty().set(tex);
    vm.export();
    String latex = Files.readString(tex);
    assertThat(latex).contains("\\toprule").contains("pass").contains("\\textbf{");
    // On pass_at_1 the code model leads, and its mean is the bold one.
    String firstRow = latex.lines().filter(l -> l.contains("deepseek")).findFirst().orElseThrow();
    assertThat(firstRow).contains("\\textbf{");
  }

  @Test
  void writesPivotAndTrendsWorkbooksAndSessionWorkbook() throws Exception {
    ExportViewModel vm = viewModel();
    vm.formatProperty().set(ExportFormat.XLSX);
    vm.whatProperty().set(What.PIVOT);
    Path pivot = dir.resolve("pivot.xlsx");
    vm.targetProperty().set(pivot);
    vm.export();
    assertThat(vm.statusProperty().get()).isEqualTo("Wrote " + pivot);
    assertThat(workbook(pivot)).contains("About");

    vm.whatProperty().set(What.TRENDS);
    vm.formatProperty().set(ExportFormat.CSV);
    Path trends = dir.resolve("trends.csv");
    vm.targetProperty().set(trends);
    vm.export();
    // Two sessions a day apart: a header and two days.
    assertThat(Files.readAllLines(trends)).hasSize(3);

    vm.whatProperty().set(What.SESSION);
    vm.sessionProperty()
        .set(
            vm.sessions().stream()
                .filter(s -> s.session().key().equals("fixture-0"))
                .findFirst()
                .orElseThrow());
    vm.formatProperty().set(ExportFormat.LATEX);
    vm.targetProperty().set(dir.resolve("session.tex"));
    vm.export();
    assertThat(vm.statusProperty().get()).startsWith("LaTeX is for tables");
    assertThat(dir.resolve("session.tex")).doesNotExist();

    vm.formatProperty().set(ExportFormat.XLSX);
    Path book = dir.resolve("session.xlsx");
    vm.targetProperty().set(book);
    vm.export();
    assertThat(vm.statusProperty().get()).isEqualTo("Wrote " + book);
    assertThat(workbook(book)).contains("Predictions").contains("About");

    vm.formatProperty().set(ExportFormat.CSV);
    Path tasks = dir.resolve("session.csv");
    vm.targetProperty().set(tasks);
    vm.export();
    // Nine tasks (3 models × 3 datasets) under one header.
    assertThat(Files.readAllLines(tasks)).hasSize(10);
  }

  @Test
  void reportsErrorsInline() throws Exception {
    ExportViewModel vm = viewModel();
    vm.export();
    assertThat(vm.statusProperty().get()).isEqualTo("Choose a file to write.");
    // A target in a folder that is a file cannot be written.
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
    Path blocked = blocker.resolve("x.csv");
    vm.targetProperty().set(blocked);
    vm.formatProperty().set(ExportFormat.CSV);
    vm.export();
    assertThat(vm.statusProperty().get()).startsWith("Export failed: ");
    assertThat(vm.runningProperty().get()).isFalse();
  }

  @Test
  void preselectsTheViewShownBefore() {
    ExportViewModel vm = viewModel();
    MetricSelector passAt1 = new MetricSelector("pass_at_1", null);
    assertThat(vm.preselectFor("compare", passAt1)).isTrue();
    assertThat(vm.whatProperty().get()).isEqualTo(What.PIVOT);
    assertThat(vm.metricProperty().get()).isEqualTo(passAt1);
    assertThat(vm.preselectFor("sessions", null)).isFalse();
    assertThat(vm.whatProperty().get()).isEqualTo(What.PIVOT);
  }

  // The sheet names of a workbook, as listed in xl/workbook.xml.
  private static String workbook(Path xlsx) throws Exception {
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      ZipEntry e = zip.getEntry("xl/workbook.xml");
      assertThat(e).isNotNull();
      try (InputStream in = zip.getInputStream(e)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
