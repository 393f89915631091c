package io.evalstation.app.service;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Priority;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.slurm.LocalCluster;
import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.template.Preset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path against the REAL local SLURM cluster (scripts/local-cluster.sh) and an embedded
 * PostgreSQL: launch, monitor, collect, cancel, time limit, sshd restart, injection. The only
 * stand-in is the harness (no GPU here): it sleeps, prints progress and writes lm-eval output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterWorkflowTest {
  static final String CLUSTER = "local";
  @TempDir static Path dir;
  static LocalCluster cluster;
  static Database db;
  static AppContext ctx;
  static ClusterMonitor monitor;
  static final Set<String> seenStatuses = ConcurrentHashMap.newKeySet();
  static long timeLimitTask;

  @BeforeAll
  static void up() {
    cluster = LocalCluster.require();
    AppDirectories dirs = new AppDirectories(dir.resolve("c"), dir.resolve("d"));
    db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    ctx = AppContext.on(db, dirs);
    ctx.setClusterOptions(LocalCluster.options());
    ctx.setPollPeriod(Duration.ofSeconds(1));
    ctx.addPreset(new Preset("oneminute", 1, 1, 0.85, "auto", Duration.ofMinutes(1), 1, 1));
    ctx.clusterProfiles()
        .save(
            cluster
                .profile(CLUSTER)
                .remoteWorkDir("evalstation-it/" + Long.toString(System.nanoTime(), 36))
                .build());
    monitor = ctx.monitor(CLUSTER);
    monitor.onPoll(
        r ->
            ctx.tasks()
                .activeOnCluster(CLUSTER)
                .forEach(t -> seenStatuses.add(t.id() + ":" + t.status().dbValue())));
  }

  @AfterAll
  static void down() {
    if (ctx != null) {
      ctx.close();
    }
  }

  static LaunchService.LaunchResult launch(String model, String dataset, String preset, int limit) {
    return ctx.launchService()
        .launch(
            new LaunchService.LaunchRequest(
                CLUSTER,
                List.of(model),
                List.of(dataset),
                preset,
                limit,
                Priority.NORMAL,
                "it",
                null));
  }

  static EvaluationTask await(long taskId, Predicate<EvaluationTask> p, Duration timeout)
      throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    EvaluationTask t = ctx.tasks().find(taskId).orElseThrow();
    while (!p.test(t)) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("task " + taskId + " did not get there in " + timeout + ": " + t);
      }
      Thread.sleep(250);
      t = ctx.tasks().find(taskId).orElseThrow();
    }
    return t;
  }

  static ClusterConnection connection() {
    return ctx.clusters().access(CLUSTER).slurm().connection();
  }

  @Test
  @Order(0)
  void aTimeLimitFailsTheTaskWithTimeLimit() {
    // Started first (SLURM's shortest limit is a minute); checked by the last test.
    var r = launch("slow-sleep300", "gsm8k", "oneminute", 5);
    assertThat(r.failures()).isEmpty();
    timeLimitTask = r.tasks().get(0).id();
    assertThat(r.tasks().get(0).status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  @Order(1)
  void submitRunsProgressesCompletesAndStoresResults() throws Exception {
    var r = launch("tiny-sleep6", "gsm8k", "fast", 5);
    assertThat(r.failures()).isEmpty();
    EvaluationTask t = r.tasks().get(0);
    assertThat(t.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(t.slurmJobId()).isPositive();
    t = await(t.id(), x -> x.status().isFinal(), Duration.ofSeconds(90));
    assertThat(t.status()).as(t.toString()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(seenStatuses).contains(t.id() + ":running");
    assertThat(t.nodeName()).isNotBlank();
    assertThat(t.startTime()).isNotNull();
    assertThat(t.endTime()).isNotNull();
    var dsl = db.dsl();
    assertThat(dsl.fetchCount(EVALUATION_RESULTS, EVALUATION_RESULTS.TASK_ID.eq(t.id()))).isOne();
    assertThat(dsl.fetchCount(TASK_METRICS, TASK_METRICS.TASK_ID.eq(t.id()))).isPositive();
    assertThat(dsl.fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(t.id()))).isPositive();
    // The monitor followed the job: its log, GPU samples and progress are in the database.
    assertThat(ctx.tasks().logSince(t.id(), 0).text()).isNotBlank();
    assertThat(ctx.tasks().perfSamples(t.id())).isNotEmpty();
    EvaluationSession s = ctx.sessions().find(t.sessionId()).orElseThrow();
    assertThat(s.status()).isEqualTo(SessionStatus.COMPLETED);
    assertThat(ctx.resultCollector().localDir(t)).isDirectory();
  }

  @Test
  @Order(2)
  void aJobExitingThreeFailsWithExitCode() throws Exception {
    var r = launch("bad-exit3-model", "gsm8k", "fast", 3);
    EvaluationTask t =
        await(r.tasks().get(0).id(), x -> x.status().isFinal(), Duration.ofSeconds(90));
    assertThat(t.status()).as(t.toString()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.failureCause()).isEqualTo(FailureCause.EXIT_CODE);
    assertThat(t.exitCode()).isEqualTo(3);
    assertThat(ctx.sessions().find(t.sessionId()).orElseThrow().status())
        .isEqualTo(SessionStatus.FAILED);
  }

  @Test
  @Order(3)
  void cancelWhilePendingBehindAGpuHog() throws Exception {
    String hogOut =
        connection()
            .exec(
                "sbatch --parsable -p "
                    + cluster.get("CLUSTER_PARTITION")
                    + " -A research --gres=gpu:h100:4 -t 5 -o /dev/null --wrap 'sleep 300'")
            .requireSuccess("hog")
            .stdout()
            .strip();
    long hog = Long.parseLong(hogOut.split(";")[0]);
    try {
      var r = launch("waiting-sleep5", "gsm8k", "fast", 3);
      EvaluationTask t = r.tasks().get(0);
      Thread.sleep(2500); // a few polls: it stays queued behind the hog
      t = ctx.tasks().find(t.id()).orElseThrow();
      assertThat(t.status()).isEqualTo(TaskStatus.QUEUED);
      EvaluationTask cancelled = ctx.controlService().cancelTask(t.id(), "tester");
      assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
      assertThat(cancelled.errorMessage()).contains("tester");
      String live = connection().exec("squeue -h -j " + t.slurmJobId() + " -o %T").stdout().strip();
      assertThat(live).isIn("", "CANCELLED");
      assertThat(ctx.sessions().find(t.sessionId()).orElseThrow().status())
          .isEqualTo(SessionStatus.CANCELLED);
    } finally {
      connection().exec("scancel " + hog);
    }
  }

  @Test
  @Order(4)
  void cancelWhileRunningAndResubmit() throws Exception {
    var r = launch("long-sleep60", "gsm8k", "fast", 3);
    EvaluationTask t =
        await(r.tasks().get(0).id(), x -> x.status() == TaskStatus.RUNNING, Duration.ofSeconds(60));
    EvaluationSession s = ctx.controlService().cancelSession(t.sessionId(), "tester");
    assertThat(s.status()).isEqualTo(SessionStatus.CANCELLED);
    EvaluationTask after = ctx.tasks().find(t.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(TaskStatus.CANCELLED);
    Thread.sleep(3000); // the monitor no longer touches it
    assertThat(ctx.tasks().find(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
    String acct =
        connection().exec("sacct -n -X -P -j " + t.slurmJobId() + " -o State").stdout().strip();
    assertThat(acct).startsWith("CANCELLED");
    // Resubmitted, it runs again under a new job id.
    var again = ctx.controlService().resubmitFailed(t.sessionId());
    EvaluationTask re = again.tasks().get(0);
    assertThat(re.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(re.slurmJobId()).isNotEqualTo(t.slurmJobId());
    ctx.controlService().cancelTask(re.id(), "tester");
  }

  @Test
  @Order(5)
  void sshdRestartedDuringAWatchLosesNothing() throws Exception {
    var r = launch("steady-sleep12", "gsm8k", "fast", 6);
    EvaluationTask t =
        await(r.tasks().get(0).id(), x -> x.status() == TaskStatus.RUNNING, Duration.ofSeconds(60));
    LocalCluster.run("restart-sshd");
    t = await(t.id(), x -> x.status().isFinal(), Duration.ofSeconds(120));
    assertThat(t.status()).as(t.toString()).isEqualTo(TaskStatus.COMPLETED);
    // Every byte of the job's log reached the database exactly once.
    String dirOnCluster = ctx.monitorStates().monitorState(t.id()).orElseThrow().remoteDir();
    String remoteLog = connection().readFrom(dirOnCluster + "/job.log", 0, 1 << 20).text();
    assertThat(remoteLog).contains("Saving results");
    assertThat(ctx.tasks().logSince(t.id(), 0).text()).isEqualTo(remoteLog);
    assertThat(db.dsl().fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(t.id()))).isPositive();
  }

  @Test
  @Order(6)
  void anInjectionAttemptNeverRuns() {
    String marker = "/tmp/evalstation-pwned-" + System.nanoTime();
    for (String evil :
        List.of("x; touch " + marker, "$(touch " + marker + ")", "`touch " + marker + "`")) {
      assertThatThrownBy(() -> launch(evil, "gsm8k", "fast", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("may only hold");
      assertThatThrownBy(() -> launch("fine-model", evil, "fast", 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(connection().exec("test -e " + marker).exitCode()).isNotZero();
  }

  @Test
  @Order(9)
  void timeLimitEndsAsTimeLimit() throws Exception {
    EvaluationTask t = await(timeLimitTask, x -> x.status().isFinal(), Duration.ofSeconds(150));
    assertThat(t.status()).as(t.toString()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.failureCause()).isEqualTo(FailureCause.TIME_LIMIT);
  }
}
