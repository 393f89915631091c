package io.evalstation.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.OptimisticLockException;
import io.evalstation.persistence.jooq.Tables;
import io.evalstation.persistence.live.ChangeEvent;
import io.evalstation.persistence.live.ChangeFeed;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A task's life: creating sessions and every move, with its version check and NOTIFY. */
class TaskLifecycleRepositoryTest extends TaskRepositoriesTestBase {
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
    a = lifecycle.markQueued(a.id(), a.version(), 101, "/scratch/life/0", Instant.now());
    assertThat(a.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(a.slurmJobId()).isEqualTo(101);
    assertThat(monitor.monitorState(a.id()).orElseThrow().remoteDir()).isEqualTo("/scratch/life/0");
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.QUEUED);

    a = lifecycle.markRunning(a.id(), a.version(), "node1", Instant.now());
    assertThat(a.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(a.nodeName()).isEqualTo("node1");
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.RUNNING);

    var progress = monitor.monitorState(a.id()).orElseThrow();
    monitor.recordMonitorRead(
        progress,
        new MonitorStateRepository.MonitorRead(
            progress.logOffset(),
            progress.gpuCsvOffset(),
            progress.progressOffset(),
            "",
            4,
            10,
            List.of()));
    a = reads.find(a.id()).orElseThrow();
    assertThat(a.samplesDone()).isEqualTo(4);
    a = complete(a, Instant.now());
    assertThat(a.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(a.samplesDone()).isEqualTo(10);
    // b still pending: the session is under way.
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.RUNNING);

    b = lifecycle.markQueued(b.id(), b.version(), 102, "/scratch/life/1", Instant.now());
    b =
        lifecycle.markFailed(
            b.id(), b.version(), FailureCause.EXIT_CODE, 3, "exit 3", Instant.now());
    assertThat(b.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(b.failureCause()).isEqualTo(FailureCause.EXIT_CODE);
    assertThat(b.exitCode()).isEqualTo(3);
    var session = sessions.find(s.session().id()).orElseThrow();
    assertThat(session.status()).isEqualTo(SessionStatus.COMPLETED);
    assertThat(session.endTime()).isNotNull();

    // Resubmit: failed → pending clears the job, then the session waits again.
    b = lifecycle.resetToPending(b.id(), b.version());
    assertThat(b.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(b.slurmJobId()).isNull();
    assertThat(b.failureCause()).isNull();
    assertThat(monitor.monitorState(b.id())).isEmpty();
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.RUNNING);
    b = lifecycle.markQueued(b.id(), b.version(), 103, "/scratch/life/1", Instant.now());
    b = lifecycle.markCancelled(b.id(), b.version(), "cancelled by alice", Instant.now());
    assertThat(b.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.COMPLETED);
  }

  @Test
  void illegalMovesAreRefused() {
    var s = create("illegal", 1);
    EvaluationTask t = s.tasks().get(0);
    EvaluationTask pending = t;
    assertThatThrownBy(() -> lifecycle.resetToPending(pending.id(), pending.version()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pending to pending");
    t = lifecycle.markQueued(t.id(), t.version(), 7, "/x", Instant.now());
    t = lifecycle.markRunning(t.id(), t.version(), "n", Instant.now());
    t = complete(t, Instant.now());
    EvaluationTask done = t;
    assertThatThrownBy(
            () ->
                lifecycle.markFailed(
                    done.id(), done.version(), FailureCause.ERROR, null, "x", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("completed to failed");
    assertThatThrownBy(() -> lifecycle.resetToPending(done.id(), done.version()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(reads.find(done.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void twoStaleUpdatesConflict() {
    var s = create("stale", 1);
    EvaluationTask t = s.tasks().get(0);
    t = lifecycle.markQueued(t.id(), t.version(), 9, "/x", Instant.now());
    EvaluationTask seenByA = t;
    EvaluationTask seenByB = t;
    lifecycle.markRunning(seenByA.id(), seenByA.version(), "n1", Instant.now());
    assertThatThrownBy(
            () -> lifecycle.markCancelled(seenByB.id(), seenByB.version(), "user", Instant.now()))
        .isInstanceOf(OptimisticLockException.class)
        .hasMessageContaining("changed since it was read");
    EvaluationTask now = reads.find(t.id()).orElseThrow();
    assertThat(now.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(now.version()).isEqualTo(seenByA.version() + 1);
  }

  @Test
  void userCancelOfSessionIsRecordedAndSticks() {
    var s = create("cancel-session", 2);
    EvaluationTask a = s.tasks().get(0);
    a = lifecycle.markQueued(a.id(), a.version(), 11, "/x", Instant.now());
    var session = lifecycle.markSessionCancelled(s.session().id(), "alice");
    assertThat(session.status()).isEqualTo(SessionStatus.CANCELLED);
    assertThat(cancelledByUser(s.session().id())).isTrue();
    // A task still moving (SLURM reports the end) leaves the session cancelled.
    a = lifecycle.markCancelled(a.id(), a.version(), "cancelled by alice", null);
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.CANCELLED);
    // Resubmitting lifts it.
    lifecycle.resetToPending(a.id(), a.version());
    assertThat(cancelledByUser(s.session().id())).isFalse();
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.QUEUED);
  }

  @Test
  void sessionFailsWhenAllTasksFail() {
    var s = create("all-fail", 2);
    for (EvaluationTask t : s.tasks()) {
      t = lifecycle.markQueued(t.id(), t.version(), 20 + t.index(), "/x", Instant.now());
      lifecycle.markFailed(t.id(), t.version(), FailureCause.TIME_LIMIT, null, "TIMEOUT", null);
    }
    assertThat(sessions.find(s.session().id()).orElseThrow().status())
        .isEqualTo(SessionStatus.FAILED);
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
      lifecycle.markQueued(t.id(), t.version(), 41, "/x", Instant.now());
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

  /** Whether the user cancelled the session as a whole (it stays cancelled until a resubmit). */
  private static boolean cancelledByUser(long sessionId) {
    var s = Tables.EVALUATION_SESSIONS;
    return db.dsl().fetchExists(s, s.SESSION_ID.eq(sessionId).and(s.CANCELLED_AT.isNotNull()));
  }
}
