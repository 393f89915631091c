package io.evalstation.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.model.FailureCause;
import io.evalstation.model.JobState;
import io.evalstation.model.TaskStatus;
import io.evalstation.slurm.JobInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each SLURM state becomes a task move (pure: SLURM's records in, the mapping out). */
class JobReportMappingTest {

  static JobInfo job(JobState state, Integer exit, Integer signal) {
    return new JobInfo(
        42,
        "ev-m-d",
        state,
        state.name(),
        exit,
        signal,
        Duration.ofSeconds(5),
        Instant.parse("2026-01-01T00:00:00Z"),
        state.isFinal() ? Instant.parse("2026-01-01T00:00:05Z") : null,
        "node1",
        null,
        "gres/gpu:h100=1",
        JobInfo.Source.SACCT);
  }

  @ParameterizedTest
  @CsvSource({
    "PENDING,QUEUED,false,",
    "RUNNING,RUNNING,false,",
    "REQUEUED,QUEUED,false,",
    "COMPLETED,COMPLETED,true,",
    "FAILED,FAILED,true,EXIT_CODE",
    "CANCELLED,CANCELLED,true,",
    "TIMEOUT,FAILED,true,TIME_LIMIT",
    "OUT_OF_MEMORY,FAILED,true,OUT_OF_MEMORY",
    "NODE_FAIL,FAILED,true,NODE_FAIL",
    "PREEMPTED,FAILED,true,PREEMPTED"
  })
  void everyStateMapsToAMove(
      JobState state, TaskStatus status, boolean finalState, FailureCause cause) {
    ClusterAccess.JobReport r =
        SlurmClusterAccess.report(job(state, state == JobState.FAILED ? 3 : 0, 0));
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.finalState()).isEqualTo(finalState);
    assertThat(r.cause()).isEqualTo(cause);
    assertThat(r.node()).isEqualTo("node1");
  }

  @Test
  void aFailedJobKeepsItsExitCodeAndASignalBecomes128PlusIt() {
    assertThat(SlurmClusterAccess.report(job(JobState.FAILED, 3, 0)).exitCode()).isEqualTo(3);
    assertThat(SlurmClusterAccess.report(job(JobState.FAILED, 0, 9)).exitCode()).isEqualTo(137);
  }
}
