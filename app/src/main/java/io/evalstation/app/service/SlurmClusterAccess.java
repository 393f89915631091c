package io.evalstation.app.service;

import io.evalstation.model.FailureCause;
import io.evalstation.model.JobState;
import io.evalstation.model.TaskStatus;
import io.evalstation.slurm.JobInfo;
import io.evalstation.slurm.RemoteReads;
import io.evalstation.slurm.SlurmClient;
import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterException;
import io.evalstation.slurm.ssh.RemoteChunk;
import io.evalstation.slurm.ssh.RemoteRead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@link ClusterAccess} over one {@code ssh-slurm} connection (owned by {@link SlurmClusters}'s
 * registry) and its SLURM client.
 */
public final class SlurmClusterAccess implements ClusterAccess {
  private final ClusterConnection connection;
  private final SlurmClient slurm;

  public SlurmClusterAccess(ClusterConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.slurm = new SlurmClient(connection);
  }

  /** The SLURM client (cluster status, tests). */
  public SlurmClient slurm() {
    return slurm;
  }

  @Override
  public String clusterName() {
    return connection.profile().name();
  }

  @Override
  public long submit(String remoteDir, String scriptFileName, String script) {
    connection.mkdirs(remoteDir);
    String path = remoteDir + "/" + scriptFileName;
    connection.upload(script.getBytes(java.nio.charset.StandardCharsets.UTF_8), path);
    try {
      return slurm.submit(path);
    } catch (ClusterException e) {
      if (connection.isConnected()) {
        // sbatch ran and said no (bad partition, QOS limit): that is the task's failure.
        throw new SubmitRefusedException(e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public List<JobReport> poll(Collection<Long> jobIds) {
    List<JobReport> out = new ArrayList<>();
    for (JobInfo j : slurm.poll(jobIds).values()) {
      out.add(report(j));
    }
    return out;
  }

  /** Maps SLURM's view of a job to what it means for its task. */
  static JobReport report(JobInfo j) {
    JobState state = j.state();
    TaskStatus status = state.taskStatus();
    FailureCause cause = state.failureCause().orElse(null);
    Integer exit = j.exitCode();
    if (state == JobState.COMPLETED && j.endedBadly()) {
      status = TaskStatus.FAILED;
      cause = FailureCause.EXIT_CODE;
    }
    if (state == JobState.FAILED
        && j.signal() != null
        && j.signal() != 0
        && exit != null
        && exit == 0) {
      exit = 128 + j.signal();
    }
    return new JobReport(
        j.jobId(),
        j.rawState() == null ? state.name() : j.rawState(),
        status,
        state.isFinal(),
        cause,
        exit,
        firstNode(j.nodes()),
        j.start(),
        j.end(),
        j.reason());
  }

  private static String firstNode(String nodes) {
    if (nodes == null
        || nodes.isBlank()
        || nodes.startsWith("(")
        || nodes.equals("None assigned")) {
      return null;
    }
    return nodes.strip();
  }

  @Override
  public void cancel(Collection<Long> jobIds) {
    slurm.cancel(jobIds);
  }

  @Override
  public List<RemoteChunk> readMany(List<RemoteRead> reads) {
    return reads.isEmpty() ? List.of() : new RemoteReads(connection).readMany(reads);
  }

  @Override
  public boolean download(String remoteDir, Path localDir) {
    if (!connection.exists(remoteDir)) {
      return false;
    }
    connection.downloadDirectory(remoteDir, localDir);
    return true;
  }

  @Override
  public long roundTrips() {
    return connection.roundTrips();
  }
}
