package io.evalstation.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.JobState;
import io.evalstation.model.PerfSample;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskStatus;
import io.evalstation.slurm.JobInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  @Test
  void etaFromRecentThroughput() {
    EvaluationTask t =
        new EvaluationTask(
            1,
            1,
            0,
            "m",
            "d",
            "fast",
            100,
            Priority.NORMAL,
            TaskStatus.RUNNING,
            null,
            null,
            null,
            42L,
            "node1",
            Instant.parse("2026-01-01T00:00:00Z"),
            null,
            40,
            100,
            3);
    List<PerfSample> recent =
        List.of(
            new PerfSample(
                Instant.parse("2026-01-01T00:00:10Z"), null, null, null, null, 2.0, "node1"));
    // 60 samples left at 2 samples/s; the history is not consulted when throughput is known.
    assertThat(ClusterMonitor.eta(t, recent, null, Instant.parse("2026-01-01T00:00:20Z")))
        .hasValue(Duration.ofSeconds(30));
  }
}
