package io.evalstation.app.service;

import io.evalstation.model.FailureCause;
import io.evalstation.model.TaskStatus;
import io.evalstation.slurm.ssh.RemoteChunk;
import io.evalstation.slurm.ssh.RemoteRead;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the workflows need from one cluster: one SSH connection, reused for every command and file
 * transfer. The services depend on this port, not on the SSH library, so that the launch, monitor
 * and control logic reads as the workflow it is; {@link SlurmClusterAccess} implements it over the
 * {@code ssh-slurm} module (whose connection registry owns the connection and closes it). Remote
 * reads are {@code ssh-slurm}'s plain {@link RemoteRead}/{@link RemoteChunk} records.
 */
public interface ClusterAccess {

  /** The cluster profile's name. */
  String clusterName();

  /**
   * Creates {@code remoteDir}, uploads the script into it and runs {@code sbatch --parsable}.
   *
   * @return the job id
   * @throws SubmitRefusedException when sbatch ran and refused the job (the reason is SLURM's)
   */
  long submit(String remoteDir, String scriptFileName, String script);

  /**
   * What SLURM says about all the given jobs, from one {@code squeue} and one {@code sacct} (in one
   * round trip): accounting's record (with the exit code) for jobs that ended, the live one for the
   * others. Jobs neither knows are absent.
   */
  List<JobReport> poll(Collection<Long> jobIds);

  /** One {@code scancel} for all the given jobs. */
  void cancel(Collection<Long> jobIds);

  /**
   * Reads several remote files from byte offsets in one round trip.
   *
   * @return one chunk per read, in order; a missing file gives a chunk with size -1
   */
  List<RemoteChunk> readMany(List<RemoteRead> reads);

  /**
   * Copies a remote directory tree into {@code localDir}.
   *
   * @return false when the remote directory does not exist
   */
  boolean download(String remoteDir, Path localDir);

  /** SSH round trips (commands and transfers) made so far, for the poll benchmark. */
  long roundTrips();

  /**
   * What SLURM says about one job, already mapped to what it means for the task.
   *
   * @param jobId the job id
   * @param rawState SLURM's state as printed
   * @param status the task status it means
   * @param finalState whether SLURM will not change the job again
   * @param cause why it failed, when it did
   * @param exitCode the batch script's exit code, when known
   * @param node the node it runs on, when known
   * @param start when it started (or the estimated start of a pending job), when known
   * @param end when it ended, when it did
   * @param reason SLURM's reason, when given
   */
  record JobReport(
      long jobId,
      String rawState,
      TaskStatus status,
      boolean finalState,
      FailureCause cause,
      Integer exitCode,
      String node,
      Instant start,
      Instant end,
      String reason) {}

  /** sbatch refused the job: the task fails with SUBMIT_FAILED and SLURM's message. */
  final class SubmitRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubmitRefusedException(String message) {
      super(message);
    }
  }
}
