package io.evalstation.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.live.ClusterLease;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.slurm.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several desktops on one database and one REAL cluster: only the holder of the advisory lock
 * polls; a restarted monitor reconciles what happened while none ran; a poll costs the same number
 * of SSH round trips whatever the number of jobs.
 */
class MonitorLockTest {
  static final String CLUSTER = "local";
  @TempDir static Path dir;
  static LocalCluster cluster;
  static Database db;
  static Database secondPool;
  static AppContext desktopA;
  static AppContext desktopB;

  @BeforeAll
  static void up() {
    cluster = LocalCluster.require();
    AppDirectories dirs = new AppDirectories(dir.resolve("c"), dir.resolve("d"));
    db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    // A second desktop: its own pool on the same server.
    secondPool = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    desktopA = AppContext.on(db, dirs);
    desktopB = AppContext.on(secondPool, dirs);
    for (AppContext c : List.of(desktopA, desktopB)) {
      c.setClusterOptions(LocalCluster.options());
      c.setPollPeriod(Duration.ofMillis(500));
    }
    desktopA
        .clusterProfiles()
        .save(
            cluster
                .profile(CLUSTER)
                .remoteWorkDir("evalstation-it/" + Long.toString(System.nanoTime(), 36))
                .build());
  }

  @AfterAll
  static void down() {
    if (desktopB != null) {
      desktopB.close();
    }
    if (desktopA != null) {
      desktopA.close();
    }
  }

  static ClusterMonitor newMonitor(AppContext c) {
    return new ClusterMonitor(
        CLUSTER,
        new ClusterLease(c.database(), CLUSTER),
        c.tasks(),
        c.taskLifecycle(),
        c.monitorStates(),
        c.clusters()::access,
        c.jobScripts(),
        c.resultCollector(),
        Duration.ofMillis(500),
        null);
  }

  @Test
  void onlyTheLockHolderPollsAndAnotherTakesOver() throws Exception {
    try (ClusterMonitor a = newMonitor(desktopA);
        ClusterMonitor b = newMonitor(desktopB)) {
      assertThat(a.holdLock()).isTrue();
      assertThat(b.holdLock()).isFalse();
      a.start();
      b.start();
      Thread.sleep(1500);
      assertThat(a.isPolling()).isTrue();
      assertThat(b.isPolling()).isFalse();
      assertThat(b.lastPoll()).isNull();
      a.close(); // desktop A exits: its lock goes with its connection
      Instant end = Instant.now().plusSeconds(10);
      while (!b.isPolling() && Instant.now().isBefore(end)) {
        Thread.sleep(100);
      }
      assertThat(b.isPolling()).isTrue();
    }
  }

  @Test
  void aRestartedMonitorReconcilesJobsThatEndedWhileNoneRan() throws Exception {
    LaunchService launcher = desktopA.launchService();
    var r =
        launcher.launch(
            new LaunchService.LaunchRequest(
                CLUSTER,
                List.of("quick-sleep2"),
                List.of("gsm8k"),
                "fast",
                3,
                Priority.HIGH,
                null,
                null));
    EvaluationTask t = r.tasks().get(0);
    assertThat(t.status()).isEqualTo(TaskStatus.QUEUED);
    // No monitor runs while the job runs and ends.
    String state = "";
    Instant end = Instant.now().plusSeconds(60);
    while (!state.startsWith("COMPLETED") && Instant.now().isBefore(end)) {
      Thread.sleep(500);
      state =
          desktopA
              .clusters()
              .access(CLUSTER)
              .slurm()
              .connection()
              .exec("sacct -n -X -P -j " + t.slurmJobId() + " -o State")
              .stdout()
              .strip();
    }
    assertThat(state).startsWith("COMPLETED");
    assertThat(desktopA.tasks().find(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    try (ClusterMonitor restarted = newMonitor(desktopA)) {
      assertThat(restarted.holdLock()).isTrue();
      restarted.pollOnce();
    }
    EvaluationTask after = desktopA.tasks().find(t.id()).orElseThrow();
    assertThat(after.status()).as(after.toString()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(after.startTime()).isNotNull();
  }

  /**
   * Round trips per poll with 1, 100 and 1000 queued tasks (job ids SLURM does not know, so that no
   * real jobs are needed): one squeue+sacct exchange each time.
   */
  @Test
  void roundTripsPerPollDoNotGrowWithTheNumberOfJobs() {
    TaskLifecycleRepository repo = desktopA.taskLifecycle();
    List<Long> perPoll = new ArrayList<>();
    for (int n : new int[] {1, 100, 1000}) {
      List<TaskSpec> specs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        specs.add(new TaskSpec("rt-model", "rt-data-" + i, "fast", 1, Priority.LOW));
      }
      var s =
          repo.createSession(
              new TaskLifecycleRepository.NewSession("rt-" + n, null, CLUSTER, specs));
      long job = 9_000_000L + n * 10_000L;
      for (EvaluationTask t : s.tasks()) {
        repo.markQueued(t.id(), t.version(), job++, "evalstation-it/none", Instant.now());
      }
      try (ClusterMonitor m = newMonitor(desktopA)) {
        assertThat(m.holdLock()).isTrue();
        ClusterMonitor.PollResult r = m.pollOnce();
        System.out.printf(
            "poll with %d active task(s): %d round trip(s), %d ms%n",
            r.activeTasks(), r.roundTrips(), r.took().toMillis());
        perPoll.add(r.roundTrips());
      }
      for (EvaluationTask t : desktopA.tasks().tasksOf(s.session().id())) {
        repo.markCancelled(t.id(), t.version(), "benchmark done", null);
      }
    }
    assertThat(perPoll).containsOnly(perPoll.get(0));
    assertThat(perPoll.get(0)).isEqualTo(1);
  }
}
