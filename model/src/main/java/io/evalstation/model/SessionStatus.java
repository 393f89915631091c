package io.evalstation.model;

import java.util.Collection;
import java.util.Locale;

/** The status of an evaluation session, which follows from its tasks. */
public enum SessionStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The value stored in the database ({@code queued}, {@code running}, …). */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored or user-given value; names the bad value when it is not a status. */
  public static SessionStatus parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("session status is missing");
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "session status '"
              + value
              + "' is not one of queued, running, completed, failed, cancelled",
          e);
    }
  }

  /** True when no task of the session can change any more. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /**
   * The status a session has given its tasks' statuses: running while any task is queued or
   * running; completed when all are finished and at least one completed; failed when all failed;
   * cancelled when the user cancelled it (or every unfinished task was cancelled).
   *
   * @param tasks the statuses of all the session's tasks
   * @param cancelledByUser whether the user cancelled the session as a whole
   */
  public static SessionStatus derive(Collection<TaskStatus> tasks, boolean cancelledByUser) {
    if (cancelledByUser) {
      return CANCELLED;
    }
    if (tasks.isEmpty()) {
      return QUEUED;
    }
    if (tasks.contains(TaskStatus.RUNNING)) {
      return RUNNING;
    }
    boolean anyWaiting = tasks.contains(TaskStatus.PENDING) || tasks.contains(TaskStatus.QUEUED);
    if (anyWaiting) {
      // Some tasks already ran: the session as a whole is under way.
      return tasks.stream().anyMatch(TaskStatus::isFinal) ? RUNNING : QUEUED;
    }
    if (tasks.contains(TaskStatus.COMPLETED)) {
      return COMPLETED;
    }
    return tasks.contains(TaskStatus.CANCELLED) ? CANCELLED : FAILED;
  }
}
