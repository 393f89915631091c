package io.evalstation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SLURM's job states as squeue and sacct print them, and what they mean for a task. */
class JobStateTest {

  @Test
  void jobStateParsing() {
    assertThat(JobState.parse("CANCELLED by 1001")).isEqualTo(JobState.CANCELLED);
    assertThat(JobState.parse("CANCELLED+")).isEqualTo(JobState.CANCELLED);
    assertThat(JobState.parse("PD")).isEqualTo(JobState.PENDING);
    assertThat(JobState.parse("OOM")).isEqualTo(JobState.OUT_OF_MEMORY);
    assertThat(JobState.parse("SOMETHING_NEW")).isEqualTo(JobState.UNKNOWN);
    assertThat(JobState.UNKNOWN.isFinal()).isFalse();
    assertThat(JobState.COMPLETED.failureCause()).isEmpty();
    assertThat(JobState.CANCELLED.failureCause()).isEmpty();
    assertThatThrownBy(() -> JobState.parse(" ")).hasMessageContaining("missing");
  }

  @Test
  void rarerStatesMapToTheirFamilies() {
    assertThat(JobState.parse("requeue_hold")).isEqualTo(JobState.REQUEUED);
    assertThat(JobState.parse("SE")).isEqualTo(JobState.FAILED);
    assertThat(JobState.parse("ST")).isEqualTo(JobState.SUSPENDED);
    assertThat(JobState.parse("RESV_DEL_HOLD")).isEqualTo(JobState.PENDING);
    assertThat(JobState.parse("signaling")).isEqualTo(JobState.RUNNING);
  }

  @Test
  void everyStateMeansATaskStatusAndFinalStatesMeanFinalTasks() {
    for (JobState s : JobState.values()) {
      assertThat(s.isFinal()).as(s.name()).isEqualTo(s.taskStatus().isFinal());
      // a cause exactly when the task failed
      assertThat(s.failureCause().isPresent())
          .as(s.name())
          .isEqualTo(s.taskStatus() == TaskStatus.FAILED);
    }
    assertThat(JobState.REQUEUED.taskStatus()).isEqualTo(TaskStatus.QUEUED);
    assertThat(JobState.COMPLETING.taskStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(JobState.TIMEOUT.failureCause()).contains(FailureCause.TIME_LIMIT);
    assertThat(JobState.DEADLINE.failureCause()).contains(FailureCause.TIME_LIMIT);
    assertThat(JobState.BOOT_FAIL.failureCause()).contains(FailureCause.NODE_FAIL);
    assertThat(JobState.OUT_OF_MEMORY.failureCause()).contains(FailureCause.OUT_OF_MEMORY);
  }
}
