package io.evalstation.app.service;

import io.evalstation.slurm.ssh.RemoteChunk;
import io.evalstation.slurm.ssh.RemoteRead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A TEST DOUBLE of the {@link ClusterAccess} port, and of {@link ClusterDirectory} for one cluster:
 * it answers what the test tells it to, so that the workflows' own rules (the monitor's, the
 * launcher's, the canceller's) can be tested in milliseconds against the real database. It is not a
 * model of SLURM or SSH and claims nothing about them: what SLURM says and how it is mapped is
 * tested against the real local cluster ({@code ClusterWorkflowTest}, {@code SlurmClientTest},
 * {@code JobReportMappingTest}).
 *
 * <p>Tests set the {@link JobReport}s a poll returns per job, the bytes of remote files (read from
 * offsets as the real batched read does: a file shorter than its offset is read from 0, a missing
 * one has size -1) and local folders standing for remote output directories.
 */
final class FakeClusterAccess implements ClusterAccess, ClusterDirectory {
  private final String name;
  private final Map<Long, List<JobReport>> reports = new HashMap<>();
  private final Map<String, byte[]> files = new HashMap<>();
  private final Map<String, Path> directories = new HashMap<>();
  private final Map<String, String> uploaded = new LinkedHashMap<>();
  private final List<Long> cancelled = new ArrayList<>();
  private long nextJobId = 1000;
  private String refuseSubmit;
  private Runnable afterSubmit = () -> {};
  private long roundTrips;

  FakeClusterAccess(String name) {
    this.name = name;
  }

  // ---------------------------------------------------------------- what tests set

  /** What the next polls say about a job (several reports for one job: as an adapter might). */
  FakeClusterAccess report(JobReport... jobReports) {
    long id = jobReports[0].jobId();
    reports.put(id, List.of(jobReports));
    return this;
  }

  /** The job is known to nobody any more. */
  FakeClusterAccess forget(long jobId) {
    reports.remove(jobId);
    return this;
  }

  /** Appends text to a remote file (created when missing). */
  FakeClusterAccess append(String path, String text) {
    byte[] old = files.getOrDefault(path, new byte[0]);
    byte[] add = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(old, old.length + add.length);
    System.arraycopy(add, 0, all, old.length, add.length);
    files.put(path, all);
    return this;
  }

  /** A local folder whose files stand for the remote directory {@code remoteDir}. */
  FakeClusterAccess directory(String remoteDir, Path local) {
    directories.put(remoteDir, local);
    return this;
  }

  /** The next submit is refused with this message (as sbatch refuses a job). */
  FakeClusterAccess refuseNextSubmit(String message) {
    refuseSubmit = message;
    return this;
  }

  /** Runs after every submit has reached the cluster, before its job id is returned. */
  FakeClusterAccess afterSubmit(Runnable action) {
    afterSubmit = action;
    return this;
  }

  // ---------------------------------------------------------------- what tests read back

  /** Scripts submitted, by remote path. */
  Map<String, String> uploaded() {
    return uploaded;
  }

  /** Job ids cancelled, in order. */
  List<Long> cancelled() {
    return cancelled;
  }

  // ---------------------------------------------------------------- the port

  @Override
  public ClusterAccess access(String cluster) {
    if (!cluster.equals(name)) {
      throw new IllegalArgumentException("no cluster called '" + cluster + "' in this fake");
    }
    return this;
  }

  @Override
  public String clusterName() {
    return name;
  }

  @Override
  public long submit(String remoteDir, String scriptFileName, String script) {
    roundTrips++;
    if (refuseSubmit != null) {
      String why = refuseSubmit;
      refuseSubmit = null;
      throw new SubmitRefusedException(why);
    }
    uploaded.put(remoteDir + "/" + scriptFileName, script);
    afterSubmit.run();
    return nextJobId++;
  }

  @Override
  public List<JobReport> poll(Collection<Long> jobIds) {
    roundTrips++;
    List<JobReport> out = new ArrayList<>();
    for (Long id : jobIds) {
      out.addAll(reports.getOrDefault(id, List.of()));
    }
    return out;
  }

  @Override
  public void cancel(Collection<Long> jobIds) {
    roundTrips++;
    cancelled.addAll(jobIds);
  }

  @Override
  public List<RemoteChunk> readMany(List<RemoteRead> reads) {
    roundTrips++;
    List<RemoteChunk> out = new ArrayList<>();
    for (RemoteRead r : reads) {
      byte[] data = files.get(r.path());
      if (data == null) {
        out.add(new RemoteChunk(r.offset(), new byte[0], -1));
        continue;
      }
      long from = r.offset() > data.length ? 0 : r.offset();
      int n = (int) Math.min(r.maxBytes(), data.length - from);
      out.add(
          new RemoteChunk(from, Arrays.copyOfRange(data, (int) from, (int) from + n), data.length));
    }
    return out;
  }

  @Override
  public boolean download(String remoteDir, Path localDir) {
    roundTrips++;
    Path source = directories.get(remoteDir);
    if (source == null) {
      return false;
    }
    try (Stream<Path> s = Files.walk(source)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path target = localDir.resolve(source.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long roundTrips() {
    return roundTrips;
  }
}
