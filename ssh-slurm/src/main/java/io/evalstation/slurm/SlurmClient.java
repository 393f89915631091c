package io.evalstation.slurm;

import io.evalstation.model.ClusterStatus;
import io.evalstation.slurm.parse.SacctParser;
import io.evalstation.slurm.parse.SinfoParser;
import io.evalstation.slurm.parse.SlurmText;
import io.evalstation.slurm.parse.SqueueParser;
import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterException;
import io.evalstation.slurm.ssh.CommandResult;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * SLURM's commands over a {@link ClusterConnection}, each a single SSH round trip whatever the
 * number of jobs: {@code sbatch}, {@code squeue}, {@code sacct}, {@code scancel}, {@code sinfo}.
 * Every command runs with {@code TZ=UTC SLURM_TIME_FORMAT=standard} so that timestamps parse the
 * same on every cluster, and with explicit output formats so that the user's {@code SQUEUE_FORMAT}
 * and the like do not matter.
 */
public final class SlurmClient {
  static final String ENV =
      "export TZ=UTC SLURM_TIME_FORMAT=standard; unset SQUEUE_FORMAT SQUEUE_FORMAT2 SACCT_FORMAT SINFO_FORMAT; ";
  private static final String SEPARATOR = "--evalstation-separator--";

  private final ClusterConnection connection;

  /** A client over {@code connection}. */
  public SlurmClient(ClusterConnection connection) {
    this.connection = connection;
  }

  /** The connection used. */
  public ClusterConnection connection() {
    return connection;
  }

  /**
   * Submits an uploaded batch script with {@code sbatch --parsable} and returns the job id ({@code
   * 123} or {@code 123;cluster}). sbatch runs in the script's directory, so the job's relative
   * paths (log, progress, outputs) live there. sbatch's own refusal is a {@link ClusterException}
   * with its message.
   */
  public long submit(String remoteScriptPath) {
    ShellQuote.requirePath("batch script", remoteScriptPath);
    int slash = remoteScriptPath.lastIndexOf('/');
    String dir = slash < 0 ? "." : slash == 0 ? "/" : remoteScriptPath.substring(0, slash);
    String file = remoteScriptPath.substring(slash + 1);
    CommandResult r =
        connection.exec(
            ENV
                + "cd "
                + ShellQuote.quote(dir)
                + " && sbatch --parsable "
                + ShellQuote.quote("./" + file));
    r.requireSuccess("sbatch " + remoteScriptPath);
    String out = r.stdout().strip();
    String last = out.contains("\n") ? out.substring(out.lastIndexOf('\n') + 1) : out;
    Long id = SlurmText.jobId(last);
    if (id == null) {
      throw new ClusterException(
          "sbatch printed no job id for " + remoteScriptPath + ": '" + out + "'");
    }
    return id;
  }

  /**
   * The live state of {@code jobIds} from one {@code squeue --me -t all} call, filtered here
   * (squeue fails on ids it no longer knows). Jobs that squeue no longer knows are absent.
   */
  public Map<Long, JobInfo> queue(Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    CommandResult r = connection.exec(ENV + squeueCommand());
    r.requireSuccess("squeue");
    return filter(SqueueParser.parse(r.stdout()), jobIds);
  }

  /** Accounting records of {@code jobIds} from one {@code sacct} call. */
  public Map<Long, JobInfo> accounting(Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    CommandResult r = connection.exec(ENV + sacctCommand(jobIds));
    r.requireSuccess("sacct");
    return filter(SacctParser.parse(r.stdout()), jobIds);
  }

  /**
   * One poll: squeue and sacct in a single round trip, merged per job. sacct's record wins for jobs
   * that ended (it has the exit code); squeue's reason, node and estimated start fill gaps. A job
   * neither knows is absent from the map.
   */
  public Map<Long, JobInfo> poll(Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Map.of();
    }
    CommandResult r =
        connection.exec(
            ENV + squeueCommand() + "; echo " + SEPARATOR + "; " + sacctCommand(jobIds));
    String[] parts = r.stdout().split(SEPARATOR + "\n?", 2);
    if (parts.length < 2) {
      r.requireSuccess("squeue/sacct poll");
      throw new ClusterException("poll output has no separator: " + r.stderr().strip());
    }
    Map<Long, JobInfo> live = filter(SqueueParser.parse(parts[0]), jobIds);
    Map<Long, JobInfo> acct = filter(SacctParser.parse(parts[1]), jobIds);
    if (r.exitCode() != 0 && acct.isEmpty() && live.isEmpty()) {
      r.requireSuccess("squeue/sacct poll");
    }
    return merge(live, acct);
  }

  /** Merges squeue's and sacct's views of the same jobs (see {@link #poll}). */
  public static Map<Long, JobInfo> merge(Map<Long, JobInfo> live, Map<Long, JobInfo> acct) {
    Map<Long, JobInfo> out = new LinkedHashMap<>();
    Set<Long> ids = new TreeSet<>(live.keySet());
    ids.addAll(acct.keySet());
    for (Long id : ids) {
      JobInfo q = live.get(id);
      JobInfo a = acct.get(id);
      if (a == null) {
        out.put(id, q);
      } else if (q == null) {
        out.put(id, a);
      } else if (q.state().isFinal() && !a.state().isFinal()) {
        out.put(id, q); // sacct lags behind slurmctld by a moment
      } else if (!a.state().isFinal()) {
        // live job: squeue is current; keep sacct's start if squeue has none
        out.put(
            id,
            new JobInfo(
                id,
                q.name(),
                q.state(),
                q.rawState(),
                null,
                null,
                q.elapsed(),
                q.start() != null ? q.start() : a.start(),
                null,
                q.nodes() != null ? q.nodes() : a.nodes(),
                q.reason(),
                a.tres() != null ? a.tres() : q.tres(),
                JobInfo.Source.SQUEUE));
      } else {
        out.put(
            id,
            // slurmctld's name: right after the end sacct may still say "allocation"
            new JobInfo(
                id,
                q.name(),
                a.state(),
                a.rawState(),
                a.exitCode(),
                a.signal(),
                a.elapsed(),
                a.start(),
                a.end(),
                a.nodes(),
                a.reason() != null ? a.reason() : q.reason(),
                a.tres(),
                JobInfo.Source.SACCT));
      }
    }
    return out;
  }

  /** Cancels jobs with one {@code scancel}; unknown or ended ids are ignored by SLURM. */
  public void cancel(Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    connection.exec(ENV + "scancel " + ids(jobIds)).requireSuccess("scancel " + ids(jobIds));
  }

  /** What the cluster offers now: one round trip for sinfo, scontrol show node and squeue. */
  public ClusterStatus status() {
    CommandResult r =
        connection.exec(
            ENV
                + "sinfo -h -N -o "
                + ShellQuote.quote(SinfoParser.SINFO_FORMAT)
                + " && echo "
                + SEPARATOR
                + " && scontrol show node -o && echo "
                + SEPARATOR
                + " && squeue -h -t PD,R,CG,CF,S -o "
                + ShellQuote.quote(SinfoParser.SQUEUE_FORMAT));
    r.requireSuccess("sinfo/scontrol/squeue");
    String[] p = r.stdout().split(SEPARATOR + "\n?", 3);
    if (p.length < 3) {
      throw new ClusterException("cluster status output is incomplete: " + r.stdout());
    }
    return SinfoParser.status(p[0], p[1], p[2], Instant.now());
  }

  /** The squeue command used by {@link #queue} and {@link #poll}. */
  static String squeueCommand() {
    return "squeue -h --me -t all -o " + ShellQuote.quote(SqueueParser.FORMAT);
  }

  /** The sacct command used by {@link #accounting} and {@link #poll}. */
  static String sacctCommand(Collection<Long> jobIds) {
    return "sacct -X -n -P -j " + ids(jobIds) + " -o " + SacctParser.FIELDS;
  }

  private static String ids(Collection<Long> jobIds) {
    for (Long id : jobIds) {
      if (id == null || id <= 0) {
        throw new IllegalArgumentException("job id " + id + " is not a positive number");
      }
    }
    return jobIds.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static Map<Long, JobInfo> filter(List<JobInfo> jobs, Collection<Long> wanted) {
    Set<Long> w = Set.copyOf(wanted);
    Map<Long, JobInfo> out = new LinkedHashMap<>();
    for (JobInfo j : jobs) {
      if (w.contains(j.jobId())) {
        out.put(j.jobId(), j);
      }
    }
    return out;
  }
}
