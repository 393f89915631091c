package io.evalstation.app.ui.trends;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.analytics.TrendBucket;
import org.junit.jupiter.api.Test;

/** Trends' state on a real embedded PostgreSQL, without a screen. */
class TrendsViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.ANALYSIS);

  private static Analytics analysis() {
    return harness.context.analytics();
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
