package io.evalstation.slurm;

import io.evalstation.model.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What SLURM says about one job, from {@code squeue} (live) or {@code sacct} (accounting).
 *
 * @param jobId the job id
 * @param name the job name
 * @param state the state
 * @param rawState the state as printed ({@code CANCELLED by 1001})
 * @param exitCode the exit code of the batch script, null when not known (squeue, or not ended)
 * @param signal the signal that ended it, 0 for none, null when not known
 * @param elapsed time used so far
 * @param start when it started or, for a pending job, SLURM's estimated start; null if unknown
 * @param end when it ended, null while it runs
 * @param nodes the node list, null before it runs
 * @param reason why it waits or why it ended ({@code Resources}, {@code Priority}), null for none
 * @param tres GPUs and other resources ({@code gres/gpu:h100=1} or {@code gres:gpu:h100:1})
 * @param source which command said so
 */
public record JobInfo(
    long jobId,
    String name,
    JobState state,
    String rawState,
    Integer exitCode,
    Integer signal,
    Duration elapsed,
    Instant start,
    Instant end,
    String nodes,
    String reason,
    String tres,
    Source source) {

  public JobInfo {
    if (jobId <= 0) {
      throw new IllegalArgumentException("job id " + jobId + " is not positive");
    }
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(source, "source");
  }

  /** Which SLURM command a {@link JobInfo} comes from. */
  public enum Source {
    /** {@code squeue}: live state from slurmctld; no exit code. */
    SQUEUE,
    /** {@code sacct}: the accounting database; exit codes and signals. */
    SACCT
  }

  /** True when the job ended with a non-zero exit code or a signal. */
  public boolean endedBadly() {
    return (exitCode != null && exitCode != 0) || (signal != null && signal != 0);
  }
}
