package io.evalstation.slurm.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.model.ClusterStatus;
import io.evalstation.model.FailureCause;
import io.evalstation.model.JobState;
import io.evalstation.model.TaskStatus;
import io.evalstation.slurm.JobInfo;
import io.evalstation.slurm.SlurmClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SlurmParsersTest {
  static Map<Long, JobInfo> byId(List<JobInfo> jobs) {
    return jobs.stream().collect(Collectors.toMap(JobInfo::jobId, Function.identity()));
  }

  @Test
  void squeue2205Captured() {
    Map<Long, JobInfo> j = byId(SqueueParser.parse(Fixtures.read("squeue-22.05-mixed.txt")));
    assertThat(j).hasSize(8);
    JobInfo hog = j.get(3L);
    assertThat(hog.state()).isEqualTo(JobState.RUNNING);
    assertThat(hog.nodes()).isEqualTo("localhost");
    assertThat(hog.tres()).isEqualTo("gres:gpu:h100:4");
    assertThat(hog.elapsed()).isEqualTo(Duration.ofSeconds(15));
    assertThat(hog.start()).isEqualTo(Instant.parse("2026-11-26T20:10:11Z"));
    assertThat(hog.exitCode()).isNull();
    JobInfo pending = j.get(4L);
    assertThat(pending.state()).isEqualTo(JobState.PENDING);
    assertThat(pending.reason()).isEqualTo("Resources");
    assertThat(pending.nodes()).isNull();
    assertThat(j.get(5L).name()).isEqualTo("pipe|name");
    assertThat(j.get(5L).reason()).isEqualTo("Priority");
    assertThat(j.get(7L).tres()).isNull();
    assertThat(j.get(6L).state()).isEqualTo(JobState.CANCELLED);

    Map<Long, JobInfo> f = byId(SqueueParser.parse(Fixtures.read("squeue-22.05-final.txt")));
    assertThat(f.get(8L).state()).isEqualTo(JobState.TIMEOUT);
    assertThat(f.get(8L).reason()).isEqualTo("TimeLimit");
    assertThat(f.get(3L).elapsed()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void squeue2311Documented() {
    Map<Long, JobInfo> j = byId(SqueueParser.parse(Fixtures.read("squeue-23.11-documented.txt")));
    assertThat(j).hasSize(7).doesNotContainKey(4821142L); // the array task line is skipped
    assertThat(j.get(4821137L).elapsed())
        .isEqualTo(Duration.ofHours(1).plusMinutes(2).plusSeconds(3));
    assertThat(j.get(4821137L).tres()).isEqualTo("gres/gpu:h100:4");
    assertThat(j.get(4821139L).start()).isNull();
    assertThat(j.get(4821140L).state()).isEqualTo(JobState.COMPLETING);
    assertThat(j.get(4821140L).elapsed()).isEqualTo(Duration.parse("P2DT3H4M5S"));
    assertThat(j.get(4821140L).nodes()).isEqualTo("gpu-h100-[017-018]");
    assertThat(j.get(4821141L).state()).isEqualTo(JobState.CONFIGURING);
    assertThat(j.get(4821143L).state()).isEqualTo(JobState.REQUEUED);
    assertThat(j.get(4821144L).state()).isEqualTo(JobState.SUSPENDED);
  }

  @Test
  void sacct2205CapturedExitCodesAndCancelledBy() {
    Map<Long, JobInfo> j = byId(SacctParser.parse(Fixtures.read("sacct-22.05-final.txt")));
    assertThat(j).hasSize(9);
    assertThat(j.get(2L).state()).isEqualTo(JobState.FAILED);
    assertThat(j.get(2L).exitCode()).isEqualTo(3);
    assertThat(j.get(2L).signal()).isZero();
    assertThat(j.get(6L).state()).isEqualTo(JobState.CANCELLED);
    assertThat(j.get(6L).rawState()).isEqualTo("CANCELLED by 1001");
    assertThat(j.get(6L).start()).isNull();
    assertThat(j.get(6L).nodes()).isNull();
    assertThat(j.get(8L).state()).isEqualTo(JobState.TIMEOUT);
    assertThat(j.get(8L).elapsed()).isEqualTo(Duration.ofMinutes(1));
    assertThat(j.get(3L).tres()).contains("gres/gpu:h100=4");
    assertThat(j.get(5L).name()).isEqualTo("pipe|name");
    assertThat(j.get(1L).end()).isEqualTo(Instant.parse("2026-11-26T20:10:13Z"));

    Map<Long, JobInfo> running = byId(SacctParser.parse(Fixtures.read("sacct-22.05-mixed.txt")));
    assertThat(running.get(3L).end()).isNull();
    assertThat(running.get(4L).start()).isNull();
    // step lines (.batch) are skipped: one record per job
    assertThat(SacctParser.parse(Fixtures.read("sacct-22.05-with-steps.txt")))
        .extracting(JobInfo::jobId)
        .containsExactly(1L, 2L, 7L);
  }

  @Test
  void sacct2405DocumentedStates() {
    Map<Long, JobInfo> j = byId(SacctParser.parse(Fixtures.read("sacct-24.05-documented.txt")));
    assertThat(j.get(4821150L).state()).isEqualTo(JobState.OUT_OF_MEMORY);
    assertThat(j.get(4821150L).state().failureCause()).contains(FailureCause.OUT_OF_MEMORY);
    assertThat(j.get(4821151L).state().failureCause()).contains(FailureCause.NODE_FAIL);
    assertThat(j.get(4821152L).state().failureCause()).contains(FailureCause.PREEMPTED);
    assertThat(j.get(4821153L).state().failureCause()).contains(FailureCause.TIME_LIMIT);
    assertThat(j.get(4821154L).state().taskStatus()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(j.get(4821156L).state()).isEqualTo(JobState.REQUEUED);
    assertThat(j.get(4821156L).state().taskStatus()).isEqualTo(TaskStatus.QUEUED);
    assertThat(j.get(4821157L).state().failureCause()).contains(FailureCause.TIME_LIMIT);
    assertThat(j.get(4821158L).state().failureCause()).contains(FailureCause.NODE_FAIL);
    assertThat(j.get(4821159L).signal()).isEqualTo(9);
    assertThat(j.get(4821159L).endedBadly()).isTrue();
    assertThat(j.get(4821160L).elapsed()).isEqualTo(Duration.parse("P1DT2H3M4S"));
    assertThat(j).doesNotContainKey(4821142L);
  }

  @Test
  void badLinesAreNamed() {
    assertThatThrownBy(() -> SacctParser.parse("12|COMPLETED|0:0\n"))
        .hasMessageContaining("sacct line 1 has 3 fields, expected 10");
    assertThatThrownBy(() -> SqueueParser.parse("12|RUNNING|zz:00||None|N/A|N/A|x\n"))
        .hasMessageContaining("squeue line 1")
        .hasMessageContaining("duration 'zz:00'");
  }

  @Test
  void status2205Captured() {
    ClusterStatus s =
        SinfoParser.status(
            Fixtures.read("sinfo-22.05-mixed.txt"),
            Fixtures.read("scontrol-node-22.05-mixed.txt"),
            Fixtures.read("squeue-status-22.05-mixed.txt"),
            Instant.EPOCH);
    assertThat(s.nodesTotal()).isEqualTo(1);
    assertThat(s.nodesActive()).isEqualTo(1);
    assertThat(s.gpus()).containsExactly(new ClusterStatus.GpuPool("h100", 4, 4, 0));
    assertThat(s.pendingJobs()).isEqualTo(2);
    assertThat(s.runningJobs()).isEqualTo(2);
    assertThat(s.nextPendingStart()).isEqualTo(Instant.parse("2027-11-26T20:10:11Z"));
  }

  @Test
  void status2405Documented() {
    ClusterStatus s =
        SinfoParser.status(
            Fixtures.read("sinfo-24.05-documented.txt"),
            Fixtures.read("scontrol-node-24.05-documented.txt"),
            Fixtures.read("squeue-status-24.05-documented.txt"),
            Instant.EPOCH);
    assertThat(s.nodesTotal()).isEqualTo(7);
    assertThat(s.nodesActive()).isEqualTo(5);
    assertThat(s.gpus())
        .containsExactly(
            new ClusterStatus.GpuPool("a100", 8, 0, 8),
            new ClusterStatus.GpuPool("h100", 20, 6, 6));
    assertThat(s.gpusFree()).isEqualTo(14);
    assertThat(s.pendingJobs()).isEqualTo(3);
    assertThat(s.runningJobs()).isEqualTo(3);
    assertThat(s.nextPendingStart()).isEqualTo(Instant.parse("2025-09-19T08:00:00Z"));
  }

  @Test
  void gresVariants() {
    assertThat(SinfoParser.gpus("gpu:h100:4(S:0-1),gpu:a100:2"))
        .containsEntry("h100", 4)
        .containsEntry("a100", 2);
    assertThat(SinfoParser.gpus("gpu:8")).containsEntry("gpu", 8);
    assertThat(SinfoParser.gpus("(null)")).isEmpty();
    assertThat(SinfoParser.gpus("gpu:h100:4,shard:h100:16")).containsOnlyKeys("h100");
  }

  @Test
  void mergePrefersAccountingForEndedJobsAndLiveStateOtherwise() {
    JobInfo liveRunning =
        SqueueParser.parse("5|RUNNING|0:10|n1|None|N/A|2025-01-01T00:00:00|job\n").get(0);
    JobInfo acctRunning =
        SacctParser.parse("5|RUNNING|0:0|00:00:09|2025-01-01T00:00:00|Unknown|n1|cpu=1|None|job\n")
            .get(0);
    assertThat(SlurmClient.merge(Map.of(5L, liveRunning), Map.of(5L, acctRunning)).get(5L).source())
        .isEqualTo(JobInfo.Source.SQUEUE);
    JobInfo liveDone =
        SqueueParser.parse("5|FAILED|0:10|n1|NonZeroExitCode|N/A|2025-01-01T00:00:00|job\n").get(0);
    JobInfo acctDone =
        SacctParser.parse(
                "5|FAILED|3:0|00:00:10|2025-01-01T00:00:00|2025-01-01T00:00:10|n1|cpu=1|None|allocation\n")
            .get(0);
    JobInfo merged = SlurmClient.merge(Map.of(5L, liveDone), Map.of(5L, acctDone)).get(5L);
    assertThat(merged.exitCode()).isEqualTo(3);
    assertThat(merged.name()).isEqualTo("job");
    assertThat(merged.reason()).isEqualTo("NonZeroExitCode");
    // sacct lagging behind: the live final state is reported without an exit code
    JobInfo merged2 = SlurmClient.merge(Map.of(5L, liveDone), Map.of(5L, acctRunning)).get(5L);
    assertThat(merged2.state()).isEqualTo(JobState.FAILED);
    assertThat(merged2.exitCode()).isNull();
  }

  @Test
  void nvidiaSmiCsv() {
    List<GpuSample> s =
        NvidiaSmiCsvParser.parse(Fixtures.read("nvidia-smi-query.csv"), java.time.ZoneOffset.UTC);
    assertThat(s).hasSize(4);
    assertThat(s.get(0).timestamp()).isEqualTo(Instant.parse("2025-09-19T04:22:45.123Z"));
    assertThat(s.get(0).utilizationPercent()).isEqualTo(87.0);
    assertThat(s.get(0).memoryUsedMib()).isEqualTo(70123.0);
    assertThat(s.get(0).memoryPercent())
        .isCloseTo(85.98, org.assertj.core.data.Offset.offset(0.01));
    assertThat(s.get(1).index()).isEqualTo(1);
    assertThat(s.get(3).utilizationPercent()).isNull();
    assertThat(s.get(3).memoryPercent()).isNull();
    // a chunk read after the header uses the default columns
    assertThat(
            NvidiaSmiCsvParser.parse(
                "2025/09/19 04:23:05.000, 2, 50 %, 10 MiB, 100 MiB\n", java.time.ZoneOffset.UTC))
        .singleElement()
        .satisfies(g -> assertThat(g.memoryPercent()).isEqualTo(10.0));
    assertThatThrownBy(
            () ->
                NvidiaSmiCsvParser.parse("2025/09/19 04:23:05.000, 2\n", java.time.ZoneOffset.UTC))
        .hasMessageContaining("GPU sampler line 1 has 2 fields, expected 5");
  }

  @Test
  void progressFromFileAndTqdmBars() {
    String file =
        "2025-09-19T04:22:45Z state=started job=5 node=n1\n2025-09-19T04:22:46Z state=evaluating model=m\n";
    String log =
        "INFO start\rRunning generate_until requests:  10%|█         | 10/100 [00:01<00:09,  9.80it/s]"
            + "\rRunning generate_until requests:  40%|████      | 40/100 [00:04<00:06,  9.80it/s]\n";
    Progress p = ProgressParser.parse(file, log);
    assertThat(p.phase()).isEqualTo("evaluating");
    assertThat(p.done()).isEqualTo(40);
    assertThat(p.total()).isEqualTo(100);
    assertThat(p.fraction()).isEqualTo(0.4);
    assertThat(p.rate()).isEqualTo(9.8);
    assertThat(p.remaining()).isEqualTo(Duration.ofSeconds(6));
    assertThat(p.exitCode()).isNull();
    Progress slow =
        ProgressParser.parse(
            null, "Requesting API:   3%|▎         | 3/100 [01:00<32:20,  2.00s/it]");
    assertThat(slow.rate()).isEqualTo(0.5);
    assertThat(slow.remaining()).isEqualTo(Duration.ofMinutes(32).plusSeconds(20));
    Progress done = ProgressParser.parse(file + "2025-09-19T04:30:00Z state=finished exit=3\n", "");
    assertThat(done.exitCode()).isEqualTo(3);
    assertThat(done.fraction()).isNull();
    assertThat(ProgressParser.parse(null, null)).isEqualTo(Progress.NONE);
  }
}
