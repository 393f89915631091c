package io.evalstation.app.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Session detail ViewModel without a screen, on a real embedded PostgreSQL. */
class SessionDetailViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.OPERATIONS);
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @Test
  void sessionDetailShowsTasksKeyMetricsAndGrowingDurations() {
    // No cluster control: the read side alone.
    SessionDetailViewModel vm =
        new SessionDetailViewModel(
            harness.context.sessions(),
            harness.context.tasks(),
            harness.context.keyResults(),
            harness.context.performance(),
            null,
            tasks);
    vm.open(harness.seeded.runningSession());
    assertThat(vm.rows()).hasSize(6);
    assertThat(vm.summaryProperty().get().session().key()).isEqualTo("grid-math-0312");
    assertThat(vm.rows().get(0).keyMetricText()).isEqualTo("exact_match 0.710");
    assertThat(vm.performance()).isNotEmpty();
    assertThat(vm.provenanceProperty().get()).contains("\"harness_version\" : \"0.4.8\"");
    var running = vm.rows().get(2).task();
    assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
    Duration now = SessionDetailViewModel.duration(running, Instant.now());
    Duration later = SessionDetailViewModel.duration(running, Instant.now().plusSeconds(5));
    assertThat(later).isGreaterThan(now);
    assertThat(vm.eta(running, Instant.now())).isNotNull();
    vm.open(harness.seeded.failedSession());
    vm.selectedProperty().set(vm.rows().get(1));
    assertThat(vm.logProperty().get()).contains("OUT_OF_MEMORY").contains("CUDA out of memory");
    assertThat(vm.controlAvailableProperty().get()).isFalse();
  }
}
