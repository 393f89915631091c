package io.evalstation.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One task of a session: one model on one dataset.
 *
 * @param id database id
 * @param sessionId the session's id
 * @param index position within the session (0-based)
 * @param model model name
 * @param dataset dataset name
 * @param preset preset name, may be null for imports
 * @param sampleLimit sample limit, null for all
 * @param priority scheduling priority
 * @param status current status
 * @param failureCause why it failed, when it did
 * @param exitCode the job's exit code, when known
 * @param errorMessage the error text, when any
 * @param slurmJobId the SLURM job id once submitted
 * @param nodeName the node it ran on
 * @param startTime start, when known
 * @param endTime end, when finished
 * @param samplesDone samples evaluated so far, when known
 * @param samplesTotal samples to evaluate, when known
 * @param version row version for optimistic updates
 */
public record EvaluationTask(
    long id,
    long sessionId,
    int index,
    String model,
    String dataset,
    String preset,
    Integer sampleLimit,
    Priority priority,
    TaskStatus status,
    FailureCause failureCause,
    Integer exitCode,
    String errorMessage,
    Long slurmJobId,
    String nodeName,
    Instant startTime,
    Instant endTime,
    Integer samplesDone,
    Integer samplesTotal,
    int version) {

  public EvaluationTask {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(status, "status");
  }

  /** Progress between 0 and 1, or NaN when unknown. */
  public double progress() {
    if (status == TaskStatus.COMPLETED) {
      return 1.0;
    }
    if (samplesDone == null || samplesTotal == null || samplesTotal == 0) {
      return Double.NaN;
    }
    return Math.min(1.0, (double) samplesDone / samplesTotal);
  }
}
