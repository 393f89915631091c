package io.evalstation.app.ui.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.analysis.UiHarness;
import io.evalstation.app.ui.leaderboard.LeaderboardViewModel.ExportFormat;
import io.evalstation.app.ui.leaderboard.LeaderboardViewModel.TimeWindow;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.LeaderboardRow;
import io.evalstation.persistence.analytics.MetricSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Leaderboard's state on a real embedded PostgreSQL, without a screen. */
class LeaderboardViewModelTest {
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

  // "Now" is two days after the fixture's second session.
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

  private LeaderboardViewModel viewModel(LeaderboardViewModel.Exporter exporter) {
    LeaderboardViewModel vm =
        new LeaderboardViewModel(
            new Analytics(harness.db), new CurrentThreadTaskExecutor(), CLOCK, exporter);
    vm.refresh();
    return vm;
  }

  private static List<String> models(LeaderboardViewModel vm) {
    return vm.rowsProperty().stream().map(LeaderboardRow::model).toList();
  }

  @Test
  void offersWhatTheDataHasAndRanksByThePreferredMetric() {
    LeaderboardViewModel vm = viewModel(null);
    assertThat(vm.metricsProperty())
        .containsExactly(
            new MetricSelector("exact_match", null), new MetricSelector("pass_at_1", null));
    assertThat(vm.metricProperty().get().metric()).isEqualTo("exact_match");
    assertThat(vm.familiesProperty()).containsExactly("Any", "deepseek", "llama", "qwen");
    assertThat(vm.categoriesProperty()).containsExactly("Any", "code", "math", "reasoning");
    assertThat(vm.specializationsProperty()).containsExactly("Any", "code", "general");
    assertThat(vm.presetsProperty()).containsExactly("Any", "default");
    assertThat(models(vm)).containsExactly("qwen2-7b", "llama-3-8b", "deepseek-coder-6.7b");
    // Every interval fits in the shared scale.
    for (LeaderboardRow r : vm.rowsProperty()) {
      assertThat(r.ciLow()).isGreaterThanOrEqualTo(vm.scaleLowProperty().get());
      assertThat(r.ciHigh()).isLessThanOrEqualTo(vm.scaleHighProperty().get());
    }
    assertThat(vm.summaryProperty().get()).startsWith("3 models, 12 evaluations");
  }

  @Test
  void filtersNarrowTheTable() {
    LeaderboardViewModel vm = viewModel(null);
    vm.datasetProperty().set("gsm8k");
    assertThat(vm.rowsProperty()).allMatch(r -> r.evaluations() == 2);
    vm.datasetProperty().set(LeaderboardViewModel.ANY);
    vm.categoryProperty().set("reasoning");
    assertThat(vm.rowsProperty()).hasSize(3).allMatch(r -> r.evaluations() == 2);
    vm.categoryProperty().set(LeaderboardViewModel.ANY);
    vm.familyProperty().set("llama");
    assertThat(models(vm)).containsExactly("llama-3-8b");
    vm.familyProperty().set(LeaderboardViewModel.ANY);
    vm.specializationProperty().set("code");
    assertThat(models(vm)).containsExactly("deepseek-coder-6.7b");
    vm.specializationProperty().set(LeaderboardViewModel.ANY);
    vm.minEvaluationsProperty().set(5);
    assertThat(vm.rowsProperty()).isEmpty();
    vm.minEvaluationsProperty().set(1);
    // The last 24 hours hold nothing; the last 7 days hold everything.
    vm.windowProperty().set(TimeWindow.DAY);
    assertThat(vm.rowsProperty()).isEmpty();
    assertThat(vm.summaryProperty().get()).startsWith("No results");
    assertThat(vm.errorProperty().get()).isNull();
    vm.windowProperty().set(TimeWindow.WEEK);
    assertThat(vm.rowsProperty()).hasSize(3);
  }

  @Test
  void exportsTheTableShownInTheBackground() throws Exception {
    LeaderboardViewModel vm = viewModel(new LeaderboardExports("test database", CLOCK));
    vm.familyProperty().set("qwen");
    Path csv = dir.resolve("board.csv");
    vm.export(ExportFormat.CSV, csv);
    assertThat(vm.exportStatusProperty().get()).startsWith("Wrote ");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("qwen2-7b").doesNotContain("llama");
    Path tex = dir.resolve("board.tex");
    vm.export(ExportFormat.LATEX, tex);
    assertThat(Files.readString(tex)).contains("qwen2-7b").contains("\\toprule");
    Path xlsx = dir.resolve("board.xlsx");
    vm.export(ExportFormat.XLSX, xlsx);
    // An xlsx file is a zip archive.
    assertThat(Files.readAllBytes(xlsx)).startsWith(new byte[] {'P', 'K'});

    LeaderboardViewModel failing =
        viewModel(
            (board, format, file) -> {
              throw new java.io.IOException("disk full");
            });
    failing.export(ExportFormat.XLSX, dir.resolve("x.xlsx"));
    assertThat(failing.exportStatusProperty().get()).isEqualTo("Export failed: disk full");
  }
}
