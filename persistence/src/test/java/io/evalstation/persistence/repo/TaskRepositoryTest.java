package io.evalstation.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.PerfSample;
import io.evalstation.model.Priority;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.TaskSpec;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.OptimisticLockException;
import io.evalstation.persistence.live.ChangeEvent;
import io.evalstation.persistence.live.ChangeFeed;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRepositoryTest {
  @TempDir static Path dir;
  static Database db;
  static TaskRepository repo;
  static SessionRepository sessions;

  @BeforeAll
  static void open() {
    db = TestDatabase.open(dir);
    repo = new TaskRepository(db.dsl());
    sessions = new SessionRepository(db.dsl());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static TaskRepository.SessionWithTasks create(String key, int n) {
    List<TaskSpec> specs =
        java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> new TaskSpec("model-" + i, "humaneval", "fast", 10, Priority.NORMAL))
            .toList();
    return repo.createSession(new TaskRepository.NewSession(key, "coding", "local", specs));
  }

  @Test
  void createsSessionWithPendingTasksAndRegistersNames() {
    var s = create("create-test", 3);
    assertThat(s.session().status()).isEqualTo(SessionStatus.QUEUED);
    assertThat(s.session().cluster()).isEqualTo("local");
    assertThat(s.tasks()).hasSize(3);
    assertThat(s.tasks()).allMatch(t -> t.status() == TaskStatus.PENDING);
    assertThat(s.tasks())
        .extracting(EvaluationTask::model)
        .containsExactly("model-0", "model-1", "model-2");
    assertThat(s.tasks().get(0).samplesTotal()).isEqualTo(10);
    // Same key again: the new session gets a suffix, the registered names are reused.
    var again = create("create-test", 1);
    assertThat(again.session().key()).isEqualTo("create-test-2");
    assertThat(
            db.dsl()
                .fetchCount(
                    io.evalstation.persistence.jooq.Tables.DATASETS,
                    io.evalstation.persistence.jooq.Tables.DATASETS.DATASET_NAME.eq("humaneval")))
        .isEqualTo(1);
  }

  @Test
  void everyMoveOfATasksLife() {
    var s = create("life", 2);
    EvaluationTask a = s.tasks().get(0);
    EvaluationTask b = s.tasks().get(1);
    a = repo.markQueued(a.id(), a.version(), 101, "/scratch/life/0", Instant.now());
    assertThat(a.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(a.slurmJobId()).isEqualTo(101);
    assertThat(repo.monitorState(a.id()).orElseThrow().remoteDir()).isEqualTo("/scratch/life/0");
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.QUEUED);

    a = repo.markRunning(a.id(), a.version(), "node1", Instant.now());
    assertThat(a.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(a.nodeName()).isEqualTo("node1");
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.RUNNING);

    repo.recordProgress(a.id(), 4, 10);
    a = repo.find(a.id()).orElseThrow();
    assertThat(a.samplesDone()).isEqualTo(4);
    a = repo.markCompleted(a.id(), a.version(), Instant.now());
    assertThat(a.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(a.samplesDone()).isEqualTo(10);
    // b still pending: the session is under way.
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.RUNNING);

    b = repo.markQueued(b.id(), b.version(), 102, "/scratch/life/1", Instant.now());
    b = repo.markFailed(b.id(), b.version(), FailureCause.EXIT_CODE, 3, "exit 3", Instant.now());
    assertThat(b.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(b.failureCause()).isEqualTo(FailureCause.EXIT_CODE);
    assertThat(b.exitCode()).isEqualTo(3);
    var session = sessions.find(s.session().id()).orElseThrow();
    assertThat(session.status()).isEqualTo(SessionStatus.COMPLETED);
    assertThat(session.endTime()).isNotNull();

    // Resubmit: failed → pending clears the job, then the session waits again.
    b = repo.resetToPending(b.id(), b.version());
    assertThat(b.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(b.slurmJobId()).isNull();
    assertThat(b.failureCause()).isNull();
    assertThat(repo.monitorState(b.id())).isEmpty();
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.RUNNING);
    b = repo.markQueued(b.id(), b.version(), 103, "/scratch/life/1", Instant.now());
    b = repo.markCancelled(b.id(), b.version(), "cancelled by alice", Instant.now());
    assertThat(b.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.COMPLETED);
  }

  @Test
  void illegalMovesAreRefused() {
    var s = create("illegal", 1);
    EvaluationTask t = s.tasks().get(0);
    EvaluationTask pending = t;
    assertThatThrownBy(() -> repo.resetToPending(pending.id(), pending.version()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pending to pending");
    t = repo.markQueued(t.id(), t.version(), 7, "/x", Instant.now());
    t = repo.markRunning(t.id(), t.version(), "n", Instant.now());
    t = repo.markCompleted(t.id(), t.version(), Instant.now());
    EvaluationTask done = t;
    assertThatThrownBy(
            () -> repo.markFailed(done.id(), done.version(), FailureCause.ERROR, null, "x", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("completed to failed");
    assertThatThrownBy(() -> repo.resetToPending(done.id(), done.version()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(repo.find(done.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void twoStaleUpdatesConflict() {
    var s = create("stale", 1);
    EvaluationTask t = s.tasks().get(0);
    t = repo.markQueued(t.id(), t.version(), 9, "/x", Instant.now());
    EvaluationTask seenByA = t;
    EvaluationTask seenByB = t;
    repo.markRunning(seenByA.id(), seenByA.version(), "n1", Instant.now());
    assertThatThrownBy(
            () -> repo.markCancelled(seenByB.id(), seenByB.version(), "user", Instant.now()))
        .isInstanceOf(OptimisticLockException.class)
        .hasMessageContaining("changed since it was read");
    EvaluationTask now = repo.find(t.id()).orElseThrow();
    assertThat(now.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(now.version()).isEqualTo(seenByA.version() + 1);
  }

  @Test
  void userCancelOfSessionIsRecordedAndSticks() {
    var s = create("cancel-session", 2);
    EvaluationTask a = s.tasks().get(0);
    a = repo.markQueued(a.id(), a.version(), 11, "/x", Instant.now());
    var session = repo.markSessionCancelled(s.session().id(), "alice");
    assertThat(session.status()).isEqualTo(SessionStatus.CANCELLED);
    assertThat(repo.isCancelledByUser(s.session().id())).isTrue();
    // A task still moving (SLURM reports the end) leaves the session cancelled.
    a = repo.markCancelled(a.id(), a.version(), "cancelled by alice", null);
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.CANCELLED);
    // Resubmitting lifts it.
    repo.resetToPending(a.id(), a.version());
    assertThat(repo.isCancelledByUser(s.session().id())).isFalse();
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.QUEUED);
  }

  @Test
  void sessionFailsWhenAllTasksFail() {
    var s = create("all-fail", 2);
    for (EvaluationTask t : s.tasks()) {
      t = repo.markQueued(t.id(), t.version(), 20 + t.index(), "/x", Instant.now());
      repo.markFailed(t.id(), t.version(), FailureCause.TIME_LIMIT, null, "TIMEOUT", null);
    }
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.FAILED);
  }

  @Test
  void monitorReadsMoveOffsetsLogProgressAndPerfTogether() throws Exception {
    var s = create("monitor", 1);
    EvaluationTask t = s.tasks().get(0);
    t = repo.markQueued(t.id(), t.version(), 31, "/scratch/m/0", Instant.now());
    t = repo.markRunning(t.id(), t.version(), "node1", Instant.now());
    assertThat(repo.activeOnCluster("local")).extracting(EvaluationTask::id).contains(t.id());
    var st = repo.monitorState(t.id()).orElseThrow();
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    boolean ok =
        repo.recordMonitorRead(
            st,
            new TaskRepository.MonitorRead(
                12,
                40,
                5,
                "hello\nworld\n",
                3,
                10,
                List.of(new PerfSample(at, 0, 87.0, 40.0, 32000.0, 2.5, "node1"))));
    assertThat(ok).isTrue();
    // A stale reader (same starting offsets) stores nothing.
    assertThat(
            repo.recordMonitorRead(
                st, new TaskRepository.MonitorRead(12, 40, 5, "hello\nworld\n", 3, 10, List.of())))
        .isFalse();
    var st2 = repo.monitorState(t.id()).orElseThrow();
    assertThat(st2.logOffset()).isEqualTo(12);
    repo.recordMonitorRead(
        st2, new TaskRepository.MonitorRead(18, 40, 5, "again\n", null, null, List.of()));
    var all = repo.logSince(t.id(), 0);
    assertThat(all.text()).isEqualTo("hello\nworld\nagain\n");
    assertThat(all.nextOffset()).isEqualTo(18);
    assertThat(repo.logSince(t.id(), 12).text()).isEqualTo("again\n");
    assertThat(repo.logSince(t.id(), 18).text()).isEmpty();
    assertThat(repo.find(t.id()).orElseThrow().samplesDone()).isEqualTo(3);
    assertThat(repo.perfSamples(t.id()))
        .singleElement()
        .satisfies(p -> assertThat(p.gpuUtilization()).isEqualTo(87.0));
  }

  @Test
  void movesRaiseNotify() throws Exception {
    List<ChangeEvent> seen = new CopyOnWriteArrayList<>();
    try (ChangeFeed feed = new ChangeFeed(db)) {
      feed.subscribe(seen::add);
      long deadline = System.currentTimeMillis() + 10_000;
      while (!feed.isConnected() && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      var s = create("notify", 1);
      EvaluationTask t = s.tasks().get(0);
      repo.markQueued(t.id(), t.version(), 41, "/x", Instant.now());
      while (seen.stream().noneMatch(e -> isQueuedMove(e, t.id()))
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(seen).anyMatch(e -> isQueuedMove(e, t.id()));
    }
  }

  private static boolean isQueuedMove(ChangeEvent e, long taskId) {
    return e.kind() == ChangeEvent.Kind.TASK && e.id() == taskId && e.version() == 1;
  }

  @Test
  void historyGivesSecondsPerSample() {
    var s =
        repo.createSession(
            new TaskRepository.NewSession(
                "history",
                null,
                "local",
                List.of(new TaskSpec("hist-model", "mbpp", "fast", 10, Priority.HIGH))));
    EvaluationTask t = s.tasks().get(0);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    t = repo.markQueued(t.id(), t.version(), 51, "/x", start);
    t = repo.markRunning(t.id(), t.version(), "n", start);
    repo.markCompleted(t.id(), t.version(), start.plusSeconds(20));
    assertThat(repo.historicalSecondsPerSample("hist-model", "mbpp")).hasValue(2.0);
    assertThat(repo.historicalSecondsPerSample("hist-model", "other")).hasValue(2.0);
    assertThat(repo.historicalSecondsPerSample("nobody", "mbpp")).isEmpty();
  }
}
