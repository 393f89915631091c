package io.evalstation.model;

import static io.evalstation.model.TaskStatus.CANCELLED;
import static io.evalstation.model.TaskStatus.COMPLETED;
import static io.evalstation.model.TaskStatus.FAILED;
import static io.evalstation.model.TaskStatus.PENDING;
import static io.evalstation.model.TaskStatus.QUEUED;
import static io.evalstation.model.TaskStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A task's life (DESIGN.md): which moves exist, which states are final. */
class TaskStatusTest {

  @Test
  void theMovesOfATasksLife() {
    assertThat(PENDING.canMoveTo(QUEUED)).isTrue();
    assertThat(QUEUED.canMoveTo(RUNNING)).isTrue();
    assertThat(RUNNING.canMoveTo(COMPLETED)).isTrue();
    assertThat(RUNNING.canMoveTo(FAILED)).isTrue();
    // a requeued job starts over; a job that vanished before starting goes back to pending
    assertThat(RUNNING.canMoveTo(QUEUED)).isTrue();
    assertThat(QUEUED.canMoveTo(PENDING)).isTrue();
    // resubmit
    assertThat(FAILED.canMoveTo(PENDING)).isTrue();
    assertThat(CANCELLED.canMoveTo(PENDING)).isTrue();
  }

  @Test
  void aCompletedTaskNeverMovesAndNoFinalTaskRunsAgainWithoutResubmit() {
    assertThat(COMPLETED.next()).isEmpty();
    for (TaskStatus s : TaskStatus.values()) {
      assertThat(COMPLETED.canMoveTo(s)).isFalse();
      if (s.isFinal() && s != COMPLETED) {
        assertThat(s.next()).containsExactly(PENDING);
      }
    }
    assertThat(RUNNING.canMoveTo(PENDING)).isFalse();
    assertThat(PENDING.canMoveTo(PENDING)).isFalse();
  }

  @Test
  void finalStates() {
    assertThat(TaskStatus.values())
        .filteredOn(TaskStatus::isFinal)
        .containsExactly(COMPLETED, FAILED, CANCELLED);
  }

  @Test
  void parsingTakesAnyCaseAndNamesABadValue() {
    assertThat(TaskStatus.parse(" Running ")).isEqualTo(RUNNING);
    assertThat(RUNNING.dbValue()).isEqualTo("running");
    for (TaskStatus s : TaskStatus.values()) {
      assertThat(TaskStatus.parse(s.dbValue())).isEqualTo(s);
    }
    assertThatThrownBy(() -> TaskStatus.parse("done"))
        .hasMessageContaining("'done'")
        .hasMessageContaining("pending, queued, running, completed, failed, cancelled");
    assertThatThrownBy(() -> TaskStatus.parse(null)).hasMessageContaining("missing");
  }
}
