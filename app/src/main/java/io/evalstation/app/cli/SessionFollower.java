package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.persistence.live.ChangeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a session until it is finished: starts this process's monitor for its cluster (it polls
 * only if no other desktop does) and wakes on the database's change notifications, or every few
 * seconds. Stopping the follower (Ctrl-C) leaves the jobs running.
 */
final class SessionFollower {
  private final AppContext ctx;
  private final EvaluationSession session;

  SessionFollower(AppContext ctx, EvaluationSession session) {
    this.ctx = ctx;
    this.session = session;
  }

  /**
   * Follows until the session is finished or {@code timeout} passes.
   *
   * @param onTaskChange called with each task whose status, progress or version changed
   * @return the session as last read, or null on timeout
   */
  EvaluationSession follow(Duration timeout, Consumer<EvaluationTask> onTaskChange)
      throws InterruptedException {
    if (session.cluster() != null && ctx.clusterProfiles().find(session.cluster()).isPresent()) {
      ctx.monitor(session.cluster());
    }
    Semaphore wake = new Semaphore(0);
    Consumer<ChangeEvent> listener =
        e -> {
          if (e.kind() == ChangeEvent.Kind.RESYNC || e.sessionId() == session.id()) {
            wake.release();
          }
        };
    ctx.changeFeed().subscribe(listener);
    Map<Long, Integer> versions = new HashMap<>();
    Instant end = timeout == null ? null : Instant.now().plus(timeout);
    try {
      while (true) {
        EvaluationSession s = ctx.sessions().find(session.id()).orElseThrow();
        List<EvaluationTask> tasks = ctx.tasks().tasksOf(session.id());
        for (EvaluationTask t : tasks) {
          Integer v = versions.put(t.id(), t.version());
          if (v == null || v != t.version()) {
            onTaskChange.accept(t);
          }
        }
        if (s.status().isFinal() && tasks.stream().allMatch(t -> t.status().isFinal())) {
          return s;
        }
        if (end != null && Instant.now().isAfter(end)) {
          return null;
        }
        wake.tryAcquire(2, TimeUnit.SECONDS);
        wake.drainPermits();
      }
    } finally {
      ctx.changeFeed().unsubscribe(listener);
    }
  }
}
