package io.evalstation.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.service.ClusterAccess.JobReport;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.lmeval.LmEvalWriter;
import io.evalstation.persistence.importer.TaskOutputLoader;
import io.evalstation.persistence.live.ClusterLease;
import io.evalstation.persistence.repo.KeyResultRepository;
import io.evalstation.persistence.repo.MonitorStateRepository;
import io.evalstation.persistence.repo.PerformanceRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.template.JobLayout;
import io.evalstation.slurm.template.JobTemplates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's rules, poll by poll, against the real embedded PostgreSQL and the real job-script
 * parsers, with a {@link FakeClusterAccess} (a test double of the cluster port, not a SLURM)
 * answering for the cluster: milliseconds per rule instead of a SLURM job's minutes. The same rules
 * against the real local cluster stay in {@code ClusterWorkflowTest} and {@code MonitorLockTest}.
 */
class ClusterMonitorRulesTest {
  private static final AtomicInteger CLUSTERS = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @TempDir static Path dir;
  static Database db;
  static TaskRepository tasks;
  static TaskLifecycleRepository lifecycle;
  static MonitorStateRepository monitorStates;
  static JobScripts scripts;

  String cluster;
  FakeClusterAccess fake;
  ClusterMonitor monitor;

  @BeforeAll
  static void database() {
    ServiceDatabase d = ServiceDatabase.open(dir);
    db = d.db();
    tasks = d.tasks();
    lifecycle = d.lifecycle();
    monitorStates = d.monitorStates();
    scripts =
        new SlurmJobScripts(
            new ClusterProfiles(dir.resolve("profiles")), JobTemplates.builtInOnly(), Map.of());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void monitor() {
    // A cluster of its own per test: a poll follows every active task of its cluster.
    cluster = "fake" + CLUSTERS.incrementAndGet();
    fake = new FakeClusterAccess(cluster);
    ResultCollector collector =
        new ResultCollector(
            tasks,
            lifecycle,
            monitorStates,
            scripts,
            new TaskOutputLoader(db)::loadAndComplete,
            dir.resolve("cache"));
    monitor =
        new ClusterMonitor(
            cluster,
            new ClusterLease(db, cluster),
            tasks,
            lifecycle,
            monitorStates,
            fake,
            scripts,
            collector,
            Duration.ofSeconds(10),
            Clock.fixed(T0.plusSeconds(3600), java.time.ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    monitor.close();
  }

  // ---------------------------------------------------------------- helpers

  /** A task queued as job {@code jobId} in {@code dir()}. */
  EvaluationTask queued(long jobId) {
    var s =
        lifecycle.createSession(
            new TaskLifecycleRepository.NewSession(
                cluster + "-s" + jobId,
                null,
                cluster,
                List.of(new TaskSpec("m", "gsm8k", "fast", 4, Priority.NORMAL))));
    EvaluationTask t = s.tasks().get(0);
    return lifecycle.markQueued(t.id(), t.version(), jobId, dir(jobId), T0);
  }

  EvaluationTask running(long jobId) {
    EvaluationTask t = queued(jobId);
    return lifecycle.markRunning(t.id(), t.version(), "n1", T0.plusSeconds(5));
  }

  String dir(long jobId) {
    return "sessions/" + cluster + "/" + jobId;
  }

  JobLayout files(long jobId) {
    return scripts.files(dir(jobId));
  }

  EvaluationTask now(EvaluationTask t) {
    return tasks.find(t.id()).orElseThrow();
  }

  static JobReport live(long job, TaskStatus status) {
    return new JobReport(
        job,
        status == TaskStatus.RUNNING ? "RUNNING" : "PENDING",
        status,
        false,
        null,
        null,
        status == TaskStatus.RUNNING ? "n1" : null,
        status == TaskStatus.RUNNING ? T0.plusSeconds(60) : null,
        null,
        status == TaskStatus.RUNNING ? null : "Priority");
  }

  static JobReport ended(
      long job, String raw, TaskStatus status, FailureCause cause, Integer exit, String reason) {
    return new JobReport(
        job, raw, status, true, cause, exit, "n1", T0.plusSeconds(60), T0.plusSeconds(600), reason);
  }

  // ---------------------------------------------------------------- the rules

  @Test
  void aJobSlurmRunsMovesItsTaskToRunningWithNodeAndStart() {
    EvaluationTask t = queued(1);
    fake.report(live(1, TaskStatus.QUEUED));
    assertThat(monitor.pollOnce().moves()).isZero();
    assertThat(now(t).status()).isEqualTo(TaskStatus.QUEUED);

    fake.report(live(1, TaskStatus.RUNNING));
    ClusterMonitor.PollResult r = monitor.pollOnce();
    assertThat(r.activeTasks()).isEqualTo(1);
    assertThat(r.moves()).isEqualTo(1);
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(after.nodeName()).isEqualTo("n1");
    assertThat(after.startTime()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void aRequeuedJobPutsItsRunningTaskBackInTheQueueWithTheSameJob() {
    EvaluationTask t = running(2);
    fake.report(live(2, TaskStatus.QUEUED));
    assertThat(monitor.pollOnce().moves()).isEqualTo(1);
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(after.slurmJobId()).isEqualTo(2);
    assertThat(monitorStates.monitorState(t.id()).orElseThrow().remoteDir()).isEqualTo(dir(2));
  }

  @Test
  void aJobNobodyKnowsFailsItsTaskOnlyAfterThreePolls() {
    EvaluationTask t = queued(3);
    monitor.pollOnce();
    // known again (squeue and sacct lag): the count starts over
    fake.report(live(3, TaskStatus.QUEUED));
    monitor.pollOnce();
    fake.forget(3);
    monitor.pollOnce();
    monitor.pollOnce();
    assertThat(now(t).status()).isEqualTo(TaskStatus.QUEUED);
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.failureCause()).isEqualTo(FailureCause.ERROR);
    assertThat(after.errorMessage())
        .isEqualTo("job 3 is known to neither squeue nor sacct on " + cluster);
  }

  @Test
  void aFinalReportWinsOverALaggingOneForTheSameJob() {
    EvaluationTask t = running(4);
    // accounting still says RUNNING while the queue already says the job timed out
    JobReport lagging = live(4, TaskStatus.RUNNING);
    JobReport timedOut = ended(4, "TIMEOUT", TaskStatus.FAILED, FailureCause.TIME_LIMIT, 0, null);
    fake.report(lagging, timedOut);
    monitor.pollOnce();
    assertThat(now(t).status()).isEqualTo(TaskStatus.FAILED);

    EvaluationTask u = running(5);
    fake.report(
        ended(5, "TIMEOUT", TaskStatus.FAILED, FailureCause.TIME_LIMIT, 0, null),
        live(5, TaskStatus.RUNNING));
    monitor.pollOnce();
    assertThat(now(u).status()).isEqualTo(TaskStatus.FAILED);
  }

  @Test
  void aTimeLimitFailsTheTaskWithTimeLimitAndSlurmsWords() {
    EvaluationTask t = running(6);
    fake.report(ended(6, "TIMEOUT", TaskStatus.FAILED, FailureCause.TIME_LIMIT, 0, "TimeLimit"));
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.failureCause()).isEqualTo(FailureCause.TIME_LIMIT);
    assertThat(after.exitCode()).isZero();
    assertThat(after.errorMessage()).isEqualTo("SLURM: TIMEOUT, exit code 0 (TimeLimit)");
    assertThat(after.endTime()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void aCancelOnTheClusterCancelsTheTask() {
    EvaluationTask t = running(7);
    fake.report(
        ended(7, "CANCELLED by 1000", TaskStatus.CANCELLED, FailureCause.CANCELLED, null, null));
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(after.errorMessage()).isEqualTo("cancelled on the cluster (CANCELLED by 1000)");
  }

  @Test
  void aFailedJobWhoseLogSaysCudaOutOfMemoryFailsAsOutOfMemory() {
    EvaluationTask t = running(8);
    fake.append(files(8).log(), "loading weights\ntorch.OutOfMemoryError: CUDA out of memory.\n");
    fake.report(ended(8, "FAILED", TaskStatus.FAILED, FailureCause.EXIT_CODE, 1, null));
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.failureCause()).isEqualTo(FailureCause.OUT_OF_MEMORY);
    assertThat(after.exitCode()).isEqualTo(1);

    EvaluationTask u = running(9);
    fake.append(files(9).log(), "Traceback: ValueError: bad config\n");
    fake.report(ended(9, "FAILED", TaskStatus.FAILED, FailureCause.EXIT_CODE, 1, null));
    monitor.pollOnce();
    assertThat(now(u).failureCause()).isEqualTo(FailureCause.EXIT_CODE);
  }

  @Test
  void aCompletedJobWhoseHarnessExitedNonZeroFailsWithTheHarnessExitCode() {
    EvaluationTask t = running(10);
    fake.append(files(10).progress(), "2026-01-05T10:01:00Z state=evaluating\n");
    fake.append(files(10).progress(), "2026-01-05T10:09:00Z state=finished exit=3\n");
    fake.report(ended(10, "COMPLETED", TaskStatus.COMPLETED, null, 0, null));
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.failureCause()).isEqualTo(FailureCause.EXIT_CODE);
    assertThat(after.exitCode()).isEqualTo(3);
    assertThat(after.errorMessage()).isEqualTo("the harness exited with 3");
  }

  @Test
  void aCompletedJobIsCollectedAndItsResultsStoredWithTheCompletion(@TempDir Path out) {
    EvaluationTask t = running(11);
    writeHarnessOutput(out);
    fake.directory(files(11).outputDir(), out);
    fake.report(ended(11, "COMPLETED", TaskStatus.COMPLETED, null, 0, null));
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).as(after.toString()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(after.endTime()).isEqualTo(T0.plusSeconds(600));
    var row = new KeyResultRepository(db).sessionTasks(t.sessionId()).get(0);
    assertThat(row.keyMetric()).startsWith("exact_match");
    assertThat(row.keyValue()).isEqualTo(1.0);
  }

  @Test
  void aCompletedJobWithoutOutputsFailsWithMissingOutput() {
    EvaluationTask t = running(12);
    fake.report(ended(12, "COMPLETED", TaskStatus.COMPLETED, null, 0, null));
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.failureCause()).isEqualTo(FailureCause.MISSING_OUTPUT);
    assertThat(after.errorMessage()).contains(files(12).outputDir()).contains("does not exist");
  }

  @Test
  void aJobThatEndedBetweenTwoPollsIsRecordedAsHavingRun() {
    EvaluationTask t = queued(13);
    fake.report(ended(13, "FAILED", TaskStatus.FAILED, FailureCause.EXIT_CODE, 2, null));
    monitor.pollOnce();
    EvaluationTask after = now(t);
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.startTime()).isEqualTo(T0.plusSeconds(60));
    assertThat(after.nodeName()).isEqualTo("n1");
  }

  @Test
  void logProgressAndGpuSamplesAreReadFromTheirOffsetsInOneRoundTrip() {
    EvaluationTask t = running(14);
    JobLayout f = files(14);
    fake.append(
        f.log(), "Running generate_until requests:  25%|██  | 1/4 [00:01<00:03, 2.00it/s]\n");
    fake.append(f.log(), "half a line");
    fake.append(
        f.gpuCsv(), "2026/01/05 10:01:00.000, 0, 87 %, 40000 MiB, 81559 MiB\n2026/01/05 10:0");
    fake.report(live(14, TaskStatus.RUNNING));
    ClusterMonitor.PollResult r = monitor.pollOnce();
    assertThat(r.roundTrips()).isEqualTo(2); // one poll, one batched read
    EvaluationTask after = now(t);
    assertThat(after.samplesDone()).isEqualTo(1);
    assertThat(after.samplesTotal()).isEqualTo(4);
    var st = monitorStates.monitorState(t.id()).orElseThrow();
    String firstLine = "Running generate_until requests:  25%|██  | 1/4 [00:01<00:03, 2.00it/s]\n";
    assertThat(st.logOffset())
        .isEqualTo(firstLine.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(tasks.logSince(t.id(), 0).text()).isEqualTo(firstLine);
    var perf = new PerformanceRepository(db).recent(t.sessionId(), 24 * 60);
    assertThat(perf).anySatisfy(p -> assertThat(p.gpuUtilization()).isEqualTo(87.0));
    assertThat(perf).anySatisfy(p -> assertThat(p.throughput()).isEqualTo(2.0));

    // the half-written lines are read again once complete; nothing is stored twice
    fake.append(f.log(), " now complete\n");
    monitor.pollOnce();
    assertThat(tasks.logSince(t.id(), 0).text())
        .isEqualTo(firstLine + "half a line now complete\n");
  }

  /** A harness run for the task's dataset, written by the format's own writer. */
  static void writeHarnessOutput(Path out) {
    var info =
        new LmEvalWriter.RunInfo(
            "vllm",
            "m",
            "pretrained=m",
            "2026-01-05T10-09-00.000000",
            1_795_860_540.0,
            "0.4.8",
            null,
            "4.51.3",
            "auto",
            1.0,
            2.0,
            Map.of());
    try (LmEvalWriter run = LmEvalWriter.create(out, info)) {
      try (LmEvalWriter.SamplesWriter s = run.openSamples("gsm8k")) {
        s.write(
            new LmEvalWriter.SampleLine(
                0,
                Map.of("question", "1+1?"),
                "2",
                List.of(List.of("Question: 1+1?")),
                List.of(List.of("2")),
                List.of("2"),
                "strict-match",
                List.of("exact_match"),
                "d",
                "p",
                "t",
                Map.of("exact_match", 1.0)));
      }
      run.addTask(
          new LmEvalWriter.TaskSummary(
              "gsm8k",
              3.0,
              5,
              List.of(new LmEvalWriter.MetricEntry("exact_match", "strict-match", 1.0, null)),
              Map.of("exact_match", true),
              1319,
              1,
              Map.of("task", "gsm8k"),
              "h"));
    }
  }
}
