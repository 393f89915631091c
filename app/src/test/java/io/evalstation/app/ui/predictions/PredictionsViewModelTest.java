package io.evalstation.app.ui.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.predictions.PredictionsViewModel.OutcomeFilter;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.PredictionPair;
import org.junit.jupiter.api.Test;

/** Predictions' state on a real embedded PostgreSQL, without a screen. */
class PredictionsViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.ANALYSIS);

  private static Analytics analysis() {
    return harness.context.analytics();
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
}
