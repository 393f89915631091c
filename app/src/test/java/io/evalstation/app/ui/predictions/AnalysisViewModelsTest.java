package io.evalstation.app.ui.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.analysis.UiHarness;
import io.evalstation.app.ui.compare.CompareViewModel;
import io.evalstation.app.ui.predictions.PredictionsViewModel.OutcomeFilter;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.app.ui.trends.TrendsViewModel;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.PivotCell;
import io.evalstation.persistence.analytics.PredictionPair;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.analytics.TrendBucket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions', Compare's and Trends' state on a real embedded PostgreSQL, without a screen. */
class AnalysisViewModelsTest {
  @TempDir static Path dir;
  static UiHarness harness;

  @BeforeAll
  static void openDatabase() {
    harness = UiHarness.open(dir);
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  private static Analytics analysis() {
    return new Analytics(harness.db);
  }

  @Test
  void predictionsFollowRunsFiltersSearchAndSelection() {
    PredictionsViewModel vm = new PredictionsViewModel(analysis(), new CurrentThreadTaskExecutor());
    vm.refresh();
    vm.pair().datasetProperty().set("gsm8k");
    vm.pair().modelAProperty().set("llama-3-8b");
    vm.pair().modelBProperty().set("qwen2-7b");
    // The latest runs are chosen: the fixture's aligned tasks.
    assertThat(vm.pair().taskAProperty().get().taskId()).isEqualTo(harness.fixture.taskA);
    assertThat(vm.pair().taskBProperty().get().taskId()).isEqualTo(harness.fixture.taskB);
    assertThat(vm.rows()).hasSize(10);
    assertThat(vm.exhaustedProperty().get()).isTrue();
    assertThat(vm.statusProperty().get()).isEqualTo("10 samples");

    vm.outcomeProperty().set(OutcomeFilter.FIXED);
    assertThat(vm.rows()).extracting(PredictionPair::sampleId).containsExactly(6, 7, 8);
    vm.outcomeProperty().set(OutcomeFilter.BOTH_WRONG);
    assertThat(vm.rows()).extracting(PredictionPair::sampleId).containsExactly(9);
    vm.selectedProperty().set(vm.rows().get(0));
    PredictionsViewModel.SampleDetail d = vm.detailProperty().get();
    assertThat(d.pair().sampleId()).isEqualTo(9);
    assertThat(d.diff().identical()).isFalse();
    // A new filter forgets the selection.
    vm.outcomeProperty().set(OutcomeFilter.ALL);
    assertThat(vm.selectedProperty().get()).isNull();
    assertThat(vm.detailProperty().get()).isNull();
    vm.searchProperty().set("answer is 42");
    assertThat(vm.rows()).extracting(PredictionPair::sampleId).containsExactly(6);
    vm.searchProperty().set("no such text");
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo("No samples match.");
  }

  @Test
  void predictionsPageThroughManySamples() {
    long[] large = harness.fixture.insertLarge(harness.db.dsl(), 1_234);
    try {
      PredictionsViewModel vm =
          new PredictionsViewModel(analysis(), new CurrentThreadTaskExecutor());
      vm.refresh();
      vm.pair().datasetProperty().set("arc_easy");
      vm.pair().modelAProperty().set("llama-3-8b");
      vm.pair().modelBProperty().set("qwen2-7b");
      assertThat(vm.pair().taskAProperty().get().taskId()).isEqualTo(large[0]);
      assertThat(vm.rows()).hasSize(PredictionsViewModel.PAGE_SIZE);
      assertThat(vm.exhaustedProperty().get()).isFalse();
      vm.loadMore();
      vm.loadMore();
      assertThat(vm.rows()).hasSize(1_234);
      assertThat(vm.exhaustedProperty().get()).isTrue();
      assertThat(vm.pagesLoaded()).isEqualTo(3);
      // Keyset order: every sample once, ascending.
      for (int i = 0; i < vm.rows().size(); i++) {
        assertThat(vm.rows().get(i).sampleId()).isEqualTo(i);
      }
      vm.loadMore();
      assertThat(vm.pagesLoaded()).isEqualTo(3);
    } finally {
      harness.db.dsl().execute("DELETE FROM evaluation_sessions WHERE session_key = 'large'");
    }
  }

  @Test
  void compareShowsThePivotAndThePairedCounts() {
    CompareViewModel vm = new CompareViewModel(analysis(), new CurrentThreadTaskExecutor());
    vm.refresh();
    assertThat(vm.metricProperty().get().metric()).isEqualTo("exact_match");
    PivotCell best = vm.pivotProperty().get().cell("qwen2-7b", "gsm8k").orElseThrow();
    assertThat(best.best()).isTrue();
    assertThat(best.mean()).isCloseTo(0.82, org.assertj.core.data.Offset.offset(1e-9));
    vm.pair().datasetProperty().set("gsm8k");
    vm.pair().modelAProperty().set("llama-3-8b");
    vm.pair().modelBProperty().set("qwen2-7b");
    var c = vm.comparisonProperty().get();
    assertThat(c.bothCorrect()).isEqualTo(4);
    assertThat(c.fixed()).isEqualTo(3);
    assertThat(c.regressed()).isEqualTo(2);
    assertThat(c.bothWrong()).isEqualTo(1);
    assertThat(vm.pairedStatusProperty().get()).isEqualTo("10 paired samples");
    // The same run on both sides is refused before any query.
    vm.pair().taskBProperty().set(vm.pair().taskAProperty().get());
    assertThat(vm.comparisonProperty().get()).isNull();
    assertThat(vm.pairedStatusProperty().get()).contains("same task");
  }

  @Test
  void trendsCountPerBucket() {
    TrendsViewModel vm = new TrendsViewModel(analysis(), new CurrentThreadTaskExecutor());
    vm.refresh();
    assertThat(vm.bucketsProperty()).hasSize(2);
    assertThat(vm.bucketsProperty().stream().mapToInt(TrendBucket::tasks).sum()).isEqualTo(18);
    vm.bucketProperty().set(TimeBucket.HOUR);
    assertThat(vm.bucketsProperty()).hasSize(4);
    assertThat(vm.label(vm.bucketsProperty().get(0).bucketStart())).isEqualTo("11-20 09:00");
    vm.bucketProperty().set(TimeBucket.WEEK);
    assertThat(vm.bucketsProperty()).hasSize(1);
    assertThat(vm.summaryProperty().get()).startsWith("1 week · 2 sessions · 18 tasks");
  }
}
