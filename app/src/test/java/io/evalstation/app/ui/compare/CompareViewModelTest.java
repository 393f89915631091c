package io.evalstation.app.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.PivotCell;
import org.junit.jupiter.api.Test;

/** Compare's state on a real embedded PostgreSQL, without a screen. */
class CompareViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.ANALYSIS);

  private static Analytics analysis() {
    return harness.context.analytics();
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
}
