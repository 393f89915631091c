package io.evalstation.app.service;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.PerfSample;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.OptimisticLockException;
import io.evalstation.persistence.live.ClusterLease;
import io.evalstation.persistence.repo.MonitorStateRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import io.evalstation.slurm.ssh.RemoteChunk;
import io.evalstation.slurm.ssh.RemoteRead;
import io.evalstation.slurm.template.JobLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one cluster's jobs. Across all desktops sharing a database, only the one holding the
 * cluster's PostgreSQL advisory lock (on a connection of its own) polls; the others follow the
 * database's NOTIFY feed and take over when the lock is released. A poll makes one {@code squeue},
 * one {@code sacct} and one batched file read for all the cluster's queued and running tasks,
 * whatever their number; it moves tasks as SLURM says, reads each job's progress file, log and GPU
 * sampler CSV from the byte offsets stored in the database, and has completed jobs collected. The
 * first poll after taking the lock reconciles every unfinished task with {@code sacct}.
 *
 * <p>Polls run on a daemon thread named {@code slurm-poll-<cluster>}.
 */
public final class ClusterMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMonitor.class);

  private static final int LOG_READ = 256 * 1024;
  private static final int CSV_READ = 256 * 1024;
  private static final int PROGRESS_READ = 64 * 1024;

  /** Polls a job may be missing from both squeue and sacct before its task fails. */
  private static final int MISSES_BEFORE_FAILING = 3;

  private final String cluster;
  private final ClusterLease lease;
  private final TaskRepository tasks;
  private final TaskLifecycleRepository lifecycle;
  private final MonitorStateRepository monitorStates;
  private final ClusterDirectory clusters;
  private final JobScripts scripts;
  private final ResultCollector collector;
  private final Duration period;
  private final Clock clock;
  private final Map<Long, Integer> misses = new HashMap<>();
  private final CopyOnWriteArrayList<Consumer<PollResult>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  private volatile PollResult lastPoll;

  public ClusterMonitor(
      String cluster,
      ClusterLease lease,
      TaskRepository tasks,
      TaskLifecycleRepository lifecycle,
      MonitorStateRepository monitorStates,
      ClusterDirectory clusters,
      JobScripts scripts,
      ResultCollector collector,
      Duration period,
      Clock clock) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.monitorStates = Objects.requireNonNull(monitorStates, "monitorStates");
    this.clusters = Objects.requireNonNull(clusters, "clusters");
    this.scripts = Objects.requireNonNull(scripts, "scripts");
    this.collector = Objects.requireNonNull(collector, "collector");
    this.period = period == null ? Duration.ofSeconds(10) : period;
    this.clock = clock == null ? Clock.systemUTC() : clock;
  }

  /**
   * What one poll did.
   *
   * @param activeTasks queued and running tasks polled
   * @param moves task moves made
   * @param roundTrips SSH round trips the poll took
   * @param took how long it took
   */
  public record PollResult(int activeTasks, int moves, long roundTrips, Duration took) {}

  /** The cluster this monitor follows. */
  public String cluster() {
    return cluster;
  }

  /** Starts polling every period on {@code slurm-poll-<cluster>} (when it gets the lock). */
  public synchronized ClusterMonitor start() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "slurm-poll-" + cluster);
                t.setDaemon(true);
                return t;
              });
      scheduler.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Called after every poll this monitor makes, on its thread. */
  public void onPoll(Consumer<PollResult> listener) {
    listeners.add(listener);
  }

  /** True while this monitor holds the cluster's lock and polls. */
  public boolean isPolling() {
    return lease.isHeld();
  }

  /** The last poll's figures, or null before the first. */
  public PollResult lastPoll() {
    return lastPoll;
  }

  private void tick() {
    try {
      if (!holdLock()) {
        return;
      }
      PollResult r = pollOnce();
      for (Consumer<PollResult> l : listeners) {
        l.accept(r);
      }
    } catch (RuntimeException e) {
      // A dropped SSH connection or database hiccup: the next tick tries again.
      LOG.warn("poll of {} failed: {}", cluster, e.toString());
    }
  }

  /**
   * Takes or keeps the cluster's lease (see {@link ClusterLease}); a dropped connection loses it
   * and the next tick tries again.
   */
  synchronized boolean holdLock() {
    boolean was = lease.isHeld();
    boolean held = lease.hold();
    if (held && !was) {
      LOG.info("this desktop monitors {}; reconciling its unfinished tasks", cluster);
    }
    return held;
  }

  /** One poll of all the cluster's queued and running tasks (the scheduler calls it). */
  public synchronized PollResult pollOnce() {
    Instant t0 = clock.instant();
    List<EvaluationTask> active = tasks.activeOnCluster(cluster);
    if (active.isEmpty()) {
      PollResult r = new PollResult(0, 0, 0, Duration.between(t0, clock.instant()));
      lastPoll = r;
      return r;
    }
    ClusterAccess access = clusters.access(cluster);
    long trips0 = access.roundTrips();
    List<Long> ids = active.stream().map(EvaluationTask::slurmJobId).toList();
    Map<Long, ClusterAccess.JobReport> byJob = byId(access.poll(ids));
    Map<Long, ClusterAccess.JobReport> reports = new HashMap<>();
    for (EvaluationTask t : active) {
      ClusterAccess.JobReport r = byJob.get(t.slurmJobId());
      if (r != null) {
        reports.put(t.id(), r);
      }
    }
    readFiles(access, active, reports);
    int moves = 0;
    for (EvaluationTask t : active) {
      try {
        moves += apply(access, t, reports.get(t.id()));
      } catch (OptimisticLockException e) {
        LOG.info("task {} changed under the monitor; next poll decides again", t.id());
      } catch (RuntimeException e) {
        // One task's trouble (an outputs download cut off) must not hold up the others.
        LOG.warn("task {} on {}: {}; next poll tries again", t.id(), cluster, e.toString());
      }
    }
    PollResult r =
        new PollResult(
            active.size(),
            moves,
            access.roundTrips() - trips0,
            Duration.between(t0, clock.instant()));
    lastPoll = r;
    return r;
  }

  private static Map<Long, ClusterAccess.JobReport> byId(List<ClusterAccess.JobReport> reports) {
    Map<Long, ClusterAccess.JobReport> m = new HashMap<>();
    for (ClusterAccess.JobReport r : reports) {
      m.merge(r.jobId(), r, (old, neu) -> neu.finalState() ? neu : old);
    }
    return m;
  }

  /** Reads every started job's log, progress file and GPU CSV in one batched round trip. */
  private void readFiles(
      ClusterAccess access,
      List<EvaluationTask> active,
      Map<Long, ClusterAccess.JobReport> reports) {
    List<MonitorStateRepository.MonitorState> states = new ArrayList<>();
    List<RemoteRead> reads = new ArrayList<>();
    List<EvaluationTask> readTasks = new ArrayList<>();
    for (EvaluationTask t : active) {
      ClusterAccess.JobReport r = reports.get(t.id());
      boolean started =
          t.status() == TaskStatus.RUNNING
              || (r != null && (r.status() == TaskStatus.RUNNING || r.finalState()));
      if (!started) {
        continue;
      }
      var st = monitorStates.monitorState(t.id());
      if (st.isEmpty()) {
        continue;
      }
      JobLayout f = scripts.files(st.get().remoteDir());
      states.add(st.get());
      readTasks.add(t);
      reads.add(new RemoteRead(f.log(), st.get().logOffset(), LOG_READ));
      reads.add(new RemoteRead(f.progress(), st.get().progressOffset(), PROGRESS_READ));
      reads.add(new RemoteRead(f.gpuCsv(), st.get().gpuCsvOffset(), CSV_READ));
    }
    if (reads.isEmpty()) {
      return;
    }
    List<RemoteChunk> chunks = access.readMany(reads);
    for (int i = 0; i < readTasks.size(); i++) {
      EvaluationTask t = readTasks.get(i);
      MonitorStateRepository.MonitorState st = states.get(i);
      RemoteChunk log = chunks.get(3 * i);
      RemoteChunk progress = chunks.get(3 * i + 1);
      RemoteChunk csv = chunks.get(3 * i + 2);
      ClusterAccess.JobReport r = reports.get(t.id());
      String node = r != null && r.node() != null ? r.node() : t.nodeName();
      String logText = log.completeLines();
      String progressText = progress.completeLines();
      JobScripts.ProgressReading p = scripts.progress(progressText, logText);
      List<PerfSample> perf = new ArrayList<>(scripts.gpuSamples(csv.completeLines(), node));
      if (p.rate() != null && p.rate() >= 0) {
        perf.add(new PerfSample(clock.instant(), null, null, null, null, p.rate(), node));
      }
      Integer done = p.done() == null ? null : (int) Math.min(Integer.MAX_VALUE, p.done());
      Integer total = p.total() == null ? null : (int) Math.min(Integer.MAX_VALUE, p.total());
      boolean stored =
          monitorStates.recordMonitorRead(
              st,
              new MonitorStateRepository.MonitorRead(
                  log.exists() ? log.nextLineOffset() : st.logOffset(),
                  csv.exists() ? csv.nextLineOffset() : st.gpuCsvOffset(),
                  progress.exists() ? progress.nextLineOffset() : st.progressOffset(),
                  logText,
                  done,
                  total,
                  perf));
      if (!stored) {
        LOG.info("offsets of task {} moved under the monitor; read again next poll", t.id());
      }
      if (p.harnessExitCode() != null) {
        harnessExit.put(t.id(), p.harnessExitCode());
      }
    }
  }

  private final Map<Long, Integer> harnessExit = new HashMap<>();

  private int apply(ClusterAccess access, EvaluationTask seen, ClusterAccess.JobReport r) {
    EvaluationTask t = tasks.find(seen.id()).orElse(null);
    if (t == null || t.status().isFinal() || t.status() == TaskStatus.PENDING) {
      return 0;
    }
    if (r == null) {
      int n = misses.merge(t.id(), 1, Integer::sum);
      if (n >= MISSES_BEFORE_FAILING) {
        misses.remove(t.id());
        lifecycle.markFailed(
            t.id(),
            t.version(),
            FailureCause.ERROR,
            null,
            "job " + t.slurmJobId() + " is known to neither squeue nor sacct on " + cluster,
            clock.instant());
        return 1;
      }
      return 0;
    }
    misses.remove(t.id());
    if (!r.finalState()) {
      if (r.status() == TaskStatus.RUNNING && t.status() == TaskStatus.QUEUED) {
        lifecycle.markRunning(t.id(), t.version(), r.node(), r.start());
        return 1;
      }
      if (r.status() == TaskStatus.QUEUED && t.status() == TaskStatus.RUNNING) {
        // Requeued (preemption, node failure with requeue): it starts over.
        String dir =
            monitorStates
                .monitorState(t.id())
                .map(MonitorStateRepository.MonitorState::remoteDir)
                .orElse("");
        lifecycle.markQueued(t.id(), t.version(), t.slurmJobId(), dir, clock.instant());
        return 1;
      }
      return 0;
    }
    Instant end = r.end() == null ? clock.instant() : r.end();
    Instant start = r.start();
    if (t.status() == TaskStatus.QUEUED && start != null && r.status() != TaskStatus.CANCELLED) {
      // Ended between two polls: record that it ran, then how it ended.
      t = lifecycle.markRunning(t.id(), t.version(), r.node(), start);
    }
    switch (r.status()) {
      case COMPLETED -> {
        Integer harness = harnessExit.remove(t.id());
        if (harness != null && harness != 0) {
          lifecycle.markFailed(
              t.id(),
              t.version(),
              FailureCause.EXIT_CODE,
              harness,
              "the harness exited with " + harness,
              end);
        } else {
          collector.collect(access, t, start, end);
        }
      }
      case CANCELLED ->
          lifecycle.markCancelled(
              t.id(), t.version(), "cancelled on the cluster (" + r.rawState() + ")", end);
      default -> {
        FailureCause cause = r.cause() == null ? FailureCause.ERROR : r.cause();
        if (cause == FailureCause.EXIT_CODE && looksOutOfMemory(t.id())) {
          cause = FailureCause.OUT_OF_MEMORY;
        }
        lifecycle.markFailed(
            t.id(),
            t.version(),
            cause,
            r.exitCode(),
            "SLURM: "
                + r.rawState()
                + (r.exitCode() == null ? "" : ", exit code " + r.exitCode())
                + (r.reason() == null || r.reason().isBlank() ? "" : " (" + r.reason() + ")"),
            end);
      }
    }
    harnessExit.remove(t.id());
    return 1;
  }

  private boolean looksOutOfMemory(long taskId) {
    var st = monitorStates.monitorState(taskId);
    long from = st.map(s -> Math.max(0, s.logOffset() - 16_384)).orElse(0L);
    String tail = tasks.logSince(taskId, from).text().toLowerCase(Locale.ROOT);
    return tail.contains("cuda out of memory") || tail.contains("outofmemoryerror");
  }

  /** Stops polling and releases the lock (another desktop may take over). */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
      scheduler = null;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lease.release();
  }
}
