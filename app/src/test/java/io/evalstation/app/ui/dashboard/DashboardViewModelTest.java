package io.evalstation.app.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.model.EtaPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Dashboard ViewModel without a screen, on a real embedded PostgreSQL. */
class DashboardViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.OPERATIONS);
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @Test
  void dashboardListsActiveSessionsFirstWithResults() {
    DashboardViewModel vm =
        new DashboardViewModel(
            harness.context.sessions(),
            harness.context.keyResults(),
            harness.context.performance(),
            harness.context.clusterService(),
            tasks);
    vm.refresh();
    assertThat(vm.cards()).hasSize(3);
    assertThat(vm.cards().get(0).session().key()).isEqualTo("grid-math-0312");
    assertThat(vm.activeSessionsProperty().get()).isEqualTo(1);
    assertThat(vm.runningTasksProperty().get()).isEqualTo(2);
    assertThat(vm.results()).hasSize(9);
    assertThat(vm.performance()).isNotEmpty();
    assertThat(EtaPolicy.ofSession(vm.cards().get(0), Instant.now())).isPresent();
    assertThat(vm.clusterStateProperty().get()).isEqualTo("no cluster configured");
  }
}
