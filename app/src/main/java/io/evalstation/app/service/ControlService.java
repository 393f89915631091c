package io.evalstation.app.service;

import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.OptimisticLockException;
import io.evalstation.persistence.repo.SessionRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a researcher does to running work: cancel a task or a whole session ({@code scancel}, then
 * the cancel is recorded), and resubmit failed or cancelled tasks (back to pending, then submitted
 * again). A move that races with the monitor is re-read and decided again.
 */
public final class ControlService {
  private static final Logger LOG = LoggerFactory.getLogger(ControlService.class);
  private static final int ATTEMPTS = 5;

  private final TaskRepository tasks;
  private final TaskLifecycleRepository lifecycle;
  private final SessionRepository sessions;
  private final ClusterDirectory clusters;
  private final LaunchService launcher;
  private final Clock clock;

  public ControlService(
      TaskRepository tasks,
      TaskLifecycleRepository lifecycle,
      SessionRepository sessions,
      ClusterDirectory clusters,
      LaunchService launcher,
      Clock clock) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clusters = Objects.requireNonNull(clusters, "clusters");
    this.launcher = Objects.requireNonNull(launcher, "launcher");
    this.clock = clock == null ? Clock.systemUTC() : clock;
  }

  /**
   * Cancels one task: its job is cancelled on the cluster (when it has one) and the task is
   * recorded as cancelled by {@code who}. A task already finished is returned unchanged.
   */
  public EvaluationTask cancelTask(long taskId, String who) {
    EvaluationTask t = require(taskId);
    if (t.status().isFinal()) {
      return t;
    }
    if (t.slurmJobId() != null) {
      EvaluationSession s = sessions.find(t.sessionId()).orElseThrow();
      clusters.access(s.cluster()).cancel(List.of(t.slurmJobId()));
    }
    return recordCancel(taskId, who);
  }

  /**
   * Cancels a whole session: one {@code scancel} for all its jobs, every unfinished task recorded
   * as cancelled, and the session marked cancelled by {@code who}.
   */
  public EvaluationSession cancelSession(long sessionId, String who) {
    EvaluationSession s =
        sessions
            .find(sessionId)
            .orElseThrow(
                () -> new IllegalArgumentException("session " + sessionId + " does not exist"));
    List<EvaluationTask> open =
        tasks.tasksOf(sessionId).stream().filter(t -> !t.status().isFinal()).toList();
    List<Long> jobs =
        open.stream().map(EvaluationTask::slurmJobId).filter(Objects::nonNull).toList();
    if (!jobs.isEmpty()) {
      clusters.access(s.cluster()).cancel(jobs);
    }
    for (EvaluationTask t : open) {
      recordCancel(t.id(), who);
    }
    LOG.info(
        "session {} cancelled by {} ({} task(s), {} job(s))",
        s.key(),
        who,
        open.size(),
        jobs.size());
    return lifecycle.markSessionCancelled(sessionId, who);
  }

  private EvaluationTask recordCancel(long taskId, String who) {
    for (int i = 0; ; i++) {
      EvaluationTask t = require(taskId);
      if (t.status().isFinal()) {
        return t; // the job ended before the cancel reached it
      }
      try {
        return lifecycle.markCancelled(t.id(), t.version(), "cancelled by " + who, clock.instant());
      } catch (OptimisticLockException e) {
        if (i + 1 >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Resubmits the given failed or cancelled tasks of one session: each goes back to pending and is
   * submitted again. Tasks in other statuses are left alone.
   */
  public LaunchService.LaunchResult resubmit(long sessionId, List<Long> taskIds) {
    EvaluationSession s =
        sessions
            .find(sessionId)
            .orElseThrow(
                () -> new IllegalArgumentException("session " + sessionId + " does not exist"));
    List<EvaluationTask> pending = new ArrayList<>();
    for (long id : taskIds) {
      EvaluationTask t = require(id);
      if (t.sessionId() != sessionId) {
        throw new IllegalArgumentException("task " + id + " is not in session " + s.key());
      }
      if (t.status() == TaskStatus.FAILED || t.status() == TaskStatus.CANCELLED) {
        pending.add(lifecycle.resetToPending(t.id(), t.version()));
      }
    }
    return launcher.submit(sessions.find(sessionId).orElseThrow(), pending);
  }

  /** Resubmits every failed or cancelled task of a session. */
  public LaunchService.LaunchResult resubmitFailed(long sessionId) {
    List<Long> ids =
        tasks.tasksOf(sessionId).stream()
            .filter(t -> t.status() == TaskStatus.FAILED || t.status() == TaskStatus.CANCELLED)
            .map(EvaluationTask::id)
            .toList();
    return resubmit(sessionId, ids);
  }

  private EvaluationTask require(long taskId) {
    return tasks
        .find(taskId)
        .orElseThrow(() -> new IllegalArgumentException("task " + taskId + " does not exist"));
  }
}
