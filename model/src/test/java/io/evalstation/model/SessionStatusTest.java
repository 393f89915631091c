package io.evalstation.model;

import static io.evalstation.model.TaskStatus.CANCELLED;
import static io.evalstation.model.TaskStatus.COMPLETED;
import static io.evalstation.model.TaskStatus.FAILED;
import static io.evalstation.model.TaskStatus.PENDING;
import static io.evalstation.model.TaskStatus.QUEUED;
import static io.evalstation.model.TaskStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A session's status follows from its tasks (DESIGN.md, "A task's life"). */
class SessionStatusTest {

  static SessionStatus of(TaskStatus... tasks) {
    return SessionStatus.derive(List.of(tasks), false);
  }

  @Test
  void runningWhileAnyTaskRunsOrSomeRanAndOthersWait() {
    assertThat(of(RUNNING, QUEUED, COMPLETED)).isEqualTo(SessionStatus.RUNNING);
    assertThat(of(COMPLETED, PENDING)).isEqualTo(SessionStatus.RUNNING);
    assertThat(of(QUEUED, PENDING)).isEqualTo(SessionStatus.QUEUED);
    assertThat(of()).isEqualTo(SessionStatus.QUEUED);
  }

  @Test
  void finishedSessions() {
    assertThat(of(COMPLETED, FAILED)).isEqualTo(SessionStatus.COMPLETED);
    assertThat(of(FAILED, FAILED)).isEqualTo(SessionStatus.FAILED);
    assertThat(of(FAILED, CANCELLED)).isEqualTo(SessionStatus.CANCELLED);
    assertThat(of(COMPLETED, CANCELLED)).isEqualTo(SessionStatus.COMPLETED);
  }

  @Test
  void aUsersCancelWinsWhateverTheTasksDo() {
    assertThat(SessionStatus.derive(List.of(RUNNING, COMPLETED), true))
        .isEqualTo(SessionStatus.CANCELLED);
  }

  @Test
  void parsingNamesABadValue() {
    assertThat(SessionStatus.parse("completed")).isEqualTo(SessionStatus.COMPLETED);
    assertThat(SessionStatus.COMPLETED.isFinal()).isTrue();
    assertThat(SessionStatus.RUNNING.isFinal()).isFalse();
    assertThatThrownBy(() -> SessionStatus.parse("pending")).hasMessageContaining("'pending'");
  }
}
