package io.evalstation.app.service;

import io.evalstation.model.FailureCause;
import io.evalstation.model.TaskStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the workflows need from one cluster: one SSH connection, reused for every command and file
 * transfer. The services depend on this port, not on the SSH library, so that the launch, monitor
 * and control logic reads as the workflow it is; {@link SlurmClusterAccess} implements it over the
 * {@code ssh-slurm} module.
 */
public interface ClusterAccess extends AutoCloseable {

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
  List<FileChunk> readMany(List<FileRead> reads);

  /**
   * Copies a remote directory tree into {@code localDir}.
   *
   * @return false when the remote directory does not exist
   */
  boolean download(String remoteDir, Path localDir);

  /** SSH round trips (commands and transfers) made so far, for the poll benchmark. */
  long roundTrips();

  @Override
  void close();

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

  /**
   * A read of one remote file from an offset.
   *
   * @param path the remote path
   * @param offset where to start
   * @param maxBytes at most this many bytes
   */
  record FileRead(String path, long offset, int maxBytes) {}

  /**
   * Bytes read from a remote file.
   *
   * @param offset where the read started
   * @param data the bytes (empty when nothing new)
   * @param fileSize the file's size, -1 when it does not exist
   */
  record FileChunk(long offset, byte[] data, long fileSize) {
    /** True when the remote file exists. */
    public boolean exists() {
      return fileSize >= 0;
    }

    /** The offset just after the last complete line read (a half-written line is read again). */
    public long nextLineOffset() {
      for (int i = data.length - 1; i >= 0; i--) {
        if (data[i] == '\n') {
          return offset + i + 1;
        }
      }
      return offset;
    }

    /** The complete lines read, as UTF-8. */
    public String completeLines() {
      return new String(
          data, 0, (int) (nextLineOffset() - offset), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** sbatch refused the job: the task fails with SUBMIT_FAILED and SLURM's message. */
  final class SubmitRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubmitRefusedException(String message) {
      super(message);
    }
  }
}
