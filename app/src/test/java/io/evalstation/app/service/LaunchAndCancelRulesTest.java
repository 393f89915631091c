package io.evalstation.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.service.LaunchService.LaunchRequest;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Priority;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.repo.SessionRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.template.JobTemplates;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's and the canceller's rules against the real embedded PostgreSQL and the real script
 * renderer, with a {@link FakeClusterAccess} (a test double of the cluster port, not a SLURM)
 * standing for the cluster. Submitting to the real local cluster stays in {@code
 * ClusterWorkflowTest}.
 */
class LaunchAndCancelRulesTest {
  static final String CLUSTER = "fake";
  @TempDir static Path dir;
  static Database db;
  static TaskRepository tasks;
  static TaskLifecycleRepository lifecycle;
  static SessionRepository sessions;
  static JobScripts scripts;

  @BeforeAll
  static void database() {
    ServiceDatabase d = ServiceDatabase.open(dir);
    db = d.db();
    tasks = d.tasks();
    lifecycle = d.lifecycle();
    sessions = d.sessions();
    ClusterProfiles profiles = new ClusterProfiles(dir.resolve("profiles"));
    profiles.save(
        ClusterProfile.builder(CLUSTER, "login.example.org").remoteWorkDir("work").build());
    scripts = new SlurmJobScripts(profiles, JobTemplates.builtInOnly(), Map.of());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static LaunchService launcher(FakeClusterAccess fake) {
    return new LaunchService(tasks, lifecycle, fake, scripts, Clock.systemUTC());
  }

  static LaunchRequest grid(String key, String... datasets) {
    return new LaunchRequest(
        CLUSTER, List.of("m"), List.of(datasets), "fast", 4, Priority.NORMAL, null, key);
  }

  @Test
  void everyTaskIsStoredThenSubmittedAndQueuedWithItsJob() {
    FakeClusterAccess fake = new FakeClusterAccess(CLUSTER);
    var r = launcher(fake).launch(grid("launch-ok", "gsm8k", "mmlu"));
    assertThat(r.failures()).isEmpty();
    assertThat(r.tasks()).extracting(EvaluationTask::status).containsOnly(TaskStatus.QUEUED);
    assertThat(r.tasks()).extracting(EvaluationTask::slurmJobId).containsExactly(1000L, 1001L);
    assertThat(fake.uploaded().keySet())
        .containsExactly(
            "work/sessions/launch-ok/001-m-gsm8k/job.sbatch",
            "work/sessions/launch-ok/002-m-mmlu/job.sbatch");
    assertThat(fake.uploaded().values()).allMatch(s -> s.contains("#SBATCH --output=job.log"));
  }

  @Test
  void aTaskSbatchRefusesFailsWithSubmitFailedAndTheOthersGoOn() {
    FakeClusterAccess fake =
        new FakeClusterAccess(CLUSTER).refuseNextSubmit("Invalid partition name specified");
    var r = launcher(fake).launch(grid("launch-refused", "gsm8k", "mmlu"));
    EvaluationTask first = r.tasks().get(0);
    assertThat(first.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(first.failureCause()).isEqualTo(FailureCause.SUBMIT_FAILED);
    assertThat(first.errorMessage()).isEqualTo("Invalid partition name specified");
    assertThat(r.tasks().get(1).status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(r.failures()).singleElement().asString().contains("sbatch refused it");
  }

  @Test
  void aJobWhoseQueuedWriteFailsIsCancelledAtOnce() {
    FakeClusterAccess fake = new FakeClusterAccess(CLUSTER);
    // Someone else moves the task while its job is being submitted: the write of 'queued' loses.
    long[] sessionId = new long[1];
    fake.afterSubmit(
        () -> {
          EvaluationTask t =
              tasks.tasksOf(sessionId[0]).stream()
                  .filter(x -> x.status() == TaskStatus.PENDING)
                  .findFirst()
                  .orElseThrow();
          lifecycle.markCancelled(t.id(), t.version(), "cancelled by someone else", null);
        });
    var created =
        lifecycle.createSession(
            new TaskLifecycleRepository.NewSession(
                "launch-lost", null, CLUSTER, grid("launch-lost", "gsm8k").grid()));
    sessionId[0] = created.session().id();
    var r = launcher(fake).submit(created.session(), created.tasks());
    assertThat(fake.cancelled()).containsExactly(1000L);
    assertThat(r.failures()).singleElement().asString().contains("job 1000 cancelled");
    assertThat(tasks.find(created.tasks().get(0).id()).orElseThrow().slurmJobId()).isNull();
  }

  @Test
  void cancellingASessionCancelsAllItsJobsInOneCallAndRecordsWho() {
    FakeClusterAccess fake = new FakeClusterAccess(CLUSTER);
    LaunchService launcher = launcher(fake);
    var r = launcher.launch(grid("cancel-all", "gsm8k", "mmlu", "arc"));
    ControlService control =
        new ControlService(tasks, lifecycle, sessions, fake, launcher, Clock.systemUTC());
    var s = control.cancelSession(r.session().id(), "ada");
    assertThat(fake.cancelled()).containsExactly(1000L, 1001L, 1002L);
    assertThat(s.status()).isEqualTo(SessionStatus.CANCELLED);
    assertThat(tasks.tasksOf(s.id()))
        .allSatisfy(
            t -> {
              assertThat(t.status()).isEqualTo(TaskStatus.CANCELLED);
              assertThat(t.errorMessage()).isEqualTo("cancelled by ada");
            });
  }
}
