package io.evalstation.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A SLURM job state as {@code squeue} and {@code sacct} print it, with what it means for the
 * evaluation task that the job runs.
 *
 * <p>SLURM prints some states with a suffix ({@code CANCELLED by 1001}) or, in compact formats,
 * abbreviated ({@code PD}, {@code R}, {@code CA}); {@link #parse} accepts all of these.
 */
public enum JobState {
  PENDING("PD"),
  CONFIGURING("CF"),
  RUNNING("R"),
  COMPLETING("CG"),
  SUSPENDED("S"),
  REQUEUED("RQ"),
  COMPLETED("CD"),
  FAILED("F"),
  CANCELLED("CA"),
  TIMEOUT("TO"),
  OUT_OF_MEMORY("OOM"),
  NODE_FAIL("NF"),
  PREEMPTED("PR"),
  BOOT_FAIL("BF"),
  DEADLINE("DL"),
  /** A state this version of Evalstation does not know; the job is treated as still queued. */
  UNKNOWN("?");

  private final String code;

  JobState(String code) {
    this.code = code;
  }

  /** The compact code ({@code %t} in squeue). */
  public String code() {
    return code;
  }

  /**
   * Parses a state from squeue or sacct output: full names, compact codes, and suffixes such as
   * {@code CANCELLED by 1001} or {@code CANCELLED+}. Unknown states give {@link #UNKNOWN}; a
   * missing one is an error.
   */
  public static JobState parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("job state is missing");
    }
    String s = text.trim().toUpperCase(Locale.ROOT);
    int space = s.indexOf(' ');
    if (space > 0) {
      s = s.substring(0, space);
    }
    while (s.endsWith("+")) {
      s = s.substring(0, s.length() - 1);
    }
    for (JobState state : values()) {
      if (state.name().equals(s) || state.code.equals(s)) {
        return state;
      }
    }
    return switch (s) {
      case "REQUEUE_HOLD", "REQUEUE_FED", "RH", "RF" -> REQUEUED;
      case "RESIZING", "SIGNALING", "STAGE_OUT", "SO", "SI", "RS" -> RUNNING;
      case "STOPPED", "ST" -> SUSPENDED;
      case "SPECIAL_EXIT", "SE", "REVOKED", "RV" -> FAILED;
      case "RESV_DEL_HOLD", "RD" -> PENDING;
      default -> UNKNOWN;
    };
  }

  /** True when SLURM will not change this job again (no requeue). */
  public boolean isFinal() {
    return switch (this) {
      case COMPLETED,
          FAILED,
          CANCELLED,
          TIMEOUT,
          OUT_OF_MEMORY,
          NODE_FAIL,
          PREEMPTED,
          BOOT_FAIL,
          DEADLINE ->
          true;
      default -> false;
    };
  }

  /**
   * The task status this job state means. A COMPLETED job still has its outputs collected before
   * its task may be called completed; that is the caller's decision.
   */
  public TaskStatus taskStatus() {
    return switch (this) {
      case PENDING, CONFIGURING, SUSPENDED, REQUEUED, UNKNOWN -> TaskStatus.QUEUED;
      case RUNNING, COMPLETING -> TaskStatus.RUNNING;
      case COMPLETED -> TaskStatus.COMPLETED;
      case CANCELLED -> TaskStatus.CANCELLED;
      case FAILED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, PREEMPTED, BOOT_FAIL, DEADLINE ->
          TaskStatus.FAILED;
    };
  }

  /** Why the task failed when this state means failure; empty otherwise. */
  public Optional<FailureCause> failureCause() {
    return Optional.ofNullable(
        switch (this) {
          case FAILED -> FailureCause.EXIT_CODE;
          case TIMEOUT, DEADLINE -> FailureCause.TIME_LIMIT;
          case OUT_OF_MEMORY -> FailureCause.OUT_OF_MEMORY;
          case NODE_FAIL, BOOT_FAIL -> FailureCause.NODE_FAIL;
          case PREEMPTED -> FailureCause.PREEMPTED;
          default -> null;
        });
  }
}
