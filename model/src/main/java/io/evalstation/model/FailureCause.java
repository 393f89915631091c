package io.evalstation.model;

/** Why a task failed; stored beside the exit code. */
public enum FailureCause {
  /** The job's process exited with a non-zero code. */
  EXIT_CODE,
  /** SLURM's OUT_OF_MEMORY, or a CUDA out-of-memory error in the log. */
  OUT_OF_MEMORY,
  /** SLURM's TIMEOUT: the job ran past its time limit. */
  TIME_LIMIT,
  /** SLURM's NODE_FAIL. */
  NODE_FAIL,
  /** SLURM's PREEMPTED. */
  PREEMPTED,
  /** Cancelled outside Evalstation (an administrator's scancel). */
  CANCELLED,
  /** The job ended but its outputs were missing or unreadable. */
  MISSING_OUTPUT,
  /** sbatch refused the job. */
  SUBMIT_FAILED,
  /** Any other error, described by the error message. */
  ERROR
}
