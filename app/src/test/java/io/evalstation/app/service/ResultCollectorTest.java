package io.evalstation.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.slurm.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collection over real SFTP: missing and unreadable outputs fail the task with the reason. */
class ResultCollectorTest {
  static final String CLUSTER = "local";
  @TempDir static Path dir;
  static Database db;
  static AppContext ctx;
  static String base;

  @BeforeAll
  static void up() {
    LocalCluster cluster = LocalCluster.require();
    AppDirectories dirs = new AppDirectories(dir.resolve("c"), dir.resolve("d"));
    db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    ctx = AppContext.on(db, dirs);
    ctx.setClusterOptions(LocalCluster.options());
    base = "evalstation-it/collect-" + Long.toString(System.nanoTime(), 36);
    ctx.clusterProfiles().save(cluster.profile(CLUSTER).remoteWorkDir(base).build());
  }

  @AfterAll
  static void down() {
    if (ctx != null) {
      ctx.close();
    }
  }

  static EvaluationTask runningTask(String key, String remoteDir) {
    TaskLifecycleRepository repo = ctx.taskLifecycle();
    var s =
        repo.createSession(
            new TaskLifecycleRepository.NewSession(
                key, null, CLUSTER, List.of(new TaskSpec("m", "gsm8k", "fast", 2, Priority.LOW))));
    EvaluationTask t = s.tasks().get(0);
    t = repo.markQueued(t.id(), t.version(), 77, remoteDir, Instant.now());
    return repo.markRunning(t.id(), t.version(), "localhost", Instant.now());
  }

  @Test
  void missingOutputsFailTheTaskWithTheReason() {
    EvaluationTask t = runningTask("collect-missing", base + "/never-written");
    EvaluationTask after =
        ctx.resultCollector().collect(ctx.clusters().access(CLUSTER), t, null, Instant.now());
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.failureCause()).isEqualTo(FailureCause.MISSING_OUTPUT);
    assertThat(after.errorMessage()).contains("never-written/output").contains("does not exist");
  }

  @Test
  void unreadableOutputsFailTheTaskNamingTheFile() {
    String remote = base + "/corrupt";
    var conn = ctx.clusters().access(CLUSTER).slurm().connection();
    conn.mkdirs(remote + "/output/m");
    conn.upload(
        "{\"results\": {\"gsm8k\": {\"exact_match,strict".getBytes(StandardCharsets.UTF_8),
        remote + "/output/m/results_2026-01-01T00-00-00.json");
    EvaluationTask t = runningTask("collect-corrupt", remote);
    EvaluationTask after =
        ctx.resultCollector().collect(ctx.clusters().access(CLUSTER), t, null, Instant.now());
    assertThat(after.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(after.failureCause()).isEqualTo(FailureCause.MISSING_OUTPUT);
    assertThat(after.errorMessage()).startsWith("outputs unreadable").contains("results_");
  }
}
