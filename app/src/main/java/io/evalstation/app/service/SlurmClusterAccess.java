package io.evalstation.app.service;

import io.evalstation.model.FailureCause;
import io.evalstation.model.JobState;
import io.evalstation.model.TaskStatus;
import io.evalstation.slurm.JobInfo;
import io.evalstation.slurm.ShellQuote;
import io.evalstation.slurm.SlurmClient;
import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterException;
import io.evalstation.slurm.ssh.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** {@link ClusterAccess} over one {@code ssh-slurm} connection and its SLURM client. */
public final class SlurmClusterAccess implements ClusterAccess {
  private static final String MARK = "@@evalstation-file";

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

  /**
   * One shell command reads every file: for each, a marker line with the file's size (-1 when
   * missing) and the bytes from the offset as base64 (so byte offsets stay exact whatever the
   * encoding). A file smaller than the offset was rewritten and is read from 0.
   */
  @Override
  public List<FileChunk> readMany(List<FileRead> reads) {
    if (reads.isEmpty()) {
      return List.of();
    }
    StringBuilder cmd = new StringBuilder("rd() { if [ -f \"$1\" ]; then s=$(stat -c %s \"$1\");");
    cmd.append(" o=$2; [ \"$o\" -gt \"$s\" ] && o=0; echo \"")
        .append(MARK)
        .append(" $s $o\";")
        .append(" tail -c +$((o+1)) \"$1\" | head -c \"$3\" | base64 -w0; echo;")
        .append(" else echo \"")
        .append(MARK)
        .append(" -1 $2\"; echo; fi; }; ");
    for (FileRead r : reads) {
      ShellQuote.requirePath("monitored file", r.path());
      cmd.append("rd ")
          .append(ShellQuote.quote(r.path()))
          .append(' ')
          .append(r.offset())
          .append(' ')
          .append(r.maxBytes())
          .append("; ");
    }
    CommandResult res = connection.exec(cmd.toString());
    res.requireSuccess("read monitored files");
    String[] lines = res.stdout().split("\n", -1);
    List<FileChunk> out = new ArrayList<>();
    for (int i = 0; i < lines.length && out.size() < reads.size(); i++) {
      if (!lines[i].startsWith(MARK + " ")) {
        continue;
      }
      String[] f = lines[i].substring(MARK.length() + 1).trim().split(" ");
      long size = Long.parseLong(f[0]);
      long offset = Long.parseLong(f[1]);
      String b64 = i + 1 < lines.length ? lines[i + 1].trim() : "";
      byte[] data = size < 0 ? new byte[0] : Base64.getDecoder().decode(b64);
      out.add(new FileChunk(offset, data, size));
      i++;
    }
    if (out.size() != reads.size()) {
      throw new ClusterException(
          "reading " + reads.size() + " monitored file(s) gave " + out.size() + " answer(s)");
    }
    return out;
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

  @Override
  public void close() {
    connection.close();
  }
}
