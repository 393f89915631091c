package io.evalstation.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of one evaluation task.
 *
 * <pre>
 * pending ──submit──► queued(job id) ──► running ──► completed
 *    ▲                  │                   │    └──► failed(cause, exit code)
 *    └──resubmit────────┴───────────────────┴───────► cancelled
 * </pre>
 */
public enum TaskStatus {
  PENDING,
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The value stored in the database. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored or user-given value; names the bad value when it is not a status. */
  public static TaskStatus parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("task status is missing");
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "task status '"
              + value
              + "' is not one of pending, queued, running, completed, failed, cancelled",
          e);
    }
  }

  /** True when the task will not change again unless it is resubmitted. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The statuses this one may move to. */
  public Set<TaskStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(QUEUED, RUNNING, FAILED, CANCELLED, COMPLETED);
      case QUEUED -> EnumSet.of(QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, PENDING);
      case RUNNING -> EnumSet.of(RUNNING, COMPLETED, FAILED, CANCELLED, QUEUED);
      case COMPLETED -> EnumSet.noneOf(TaskStatus.class);
      case FAILED, CANCELLED -> EnumSet.of(PENDING);
    };
  }

  /** True when a move from this status to {@code target} is part of a task's life. */
  public boolean canMoveTo(TaskStatus target) {
    return next().contains(target);
  }
}
