package io.evalstation.model;

import java.time.Instant;

/**
 * A session with counts of its tasks, as the Sessions list and dashboard cards show it.
 *
 * @param session the session
 * @param totalTasks number of tasks
 * @param completedTasks tasks completed
 * @param failedTasks tasks failed
 * @param runningTasks tasks running
 * @param lastChange when the session or one of its tasks last changed
 */
public record SessionSummary(
    EvaluationSession session,
    int totalTasks,
    int completedTasks,
    int failedTasks,
    int runningTasks,
    Instant lastChange) {

  /** Tasks that reached a final status. */
  public int finishedTasks() {
    return completedTasks + failedTasks;
  }

  /** Completed over finished, or NaN when nothing finished yet. */
  public double successRate() {
    int finished = finishedTasks();
    return finished == 0 ? Double.NaN : (double) completedTasks / finished;
  }
}
