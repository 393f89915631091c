package io.evalstation.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When running work should finish: the one ETA rule that the command line ({@code status}, {@code
 * watch}), the Session detail and Dashboard views and the cluster monitor's followers share, so
 * that two of them never show different ETAs for one task. Pure: callers read the inputs.
 *
 * <p>A running task's ETA comes, in this order, from its latest throughput among its last {@link
 * #RECENT_SAMPLES} performance samples; from the seconds per sample that completed runs of the same
 * model took (the caller's history, asked only when no throughput is known); from the task's own
 * pace since it started. The inputs are read once ({@link #speed}); the ETA then follows the clock
 * without reading anything. A session's ETA is its pace so far over its finished tasks.
 */
public final class EtaPolicy {
  /** How many of a task's latest performance samples are searched for a throughput. */
  public static final int RECENT_SAMPLES = 20;

  private EtaPolicy() {}

  /**
   * What a running task's speed is known from, in the policy's order of trust.
   *
   * @param throughput its latest samples per second, or null
   * @param historicalSecondsPerSample seconds per sample of completed runs of the same model, or
   *     null (not asked when the throughput is known)
   */
  public record Speed(Double throughput, Double historicalSecondsPerSample) {
    /** Nothing known: only the task's own pace can tell. */
    public static final Speed UNKNOWN = new Speed(null, null);
  }

  /**
   * A task's speed from its performance samples, asking the history only when no sample has a
   * throughput. Read it off the FX thread; the ETA it gives then needs no more reads.
   *
   * @param perf the task's performance samples, oldest first (any number; the latest count)
   * @param historicalSecondsPerSample seconds per sample of completed runs of the same model (same
   *     dataset first)
   */
  public static Speed speed(
      List<PerfSample> perf, Supplier<Optional<Double>> historicalSecondsPerSample) {
    Double rate = latestThroughput(perf);
    return rate != null
        ? new Speed(rate, null)
        : new Speed(null, historicalSecondsPerSample.get().orElse(null));
  }

  /**
   * The time left for a task; empty unless it is running with a known sample count and something
   * tells its speed.
   *
   * @param speed what its speed is known from ({@link #speed})
   * @param now the time the task's own pace is measured to
   */
  public static Optional<Duration> ofTask(EvaluationTask task, Speed speed, Instant now) {
    if (!applies(task)) {
      return Optional.empty();
    }
    long done = task.samplesDone() == null ? 0 : task.samplesDone();
    long remaining = Math.max(0, task.samplesTotal() - done);
    if (speed.throughput() != null) {
      return Optional.of(Duration.ofMillis((long) (1000.0 * remaining / speed.throughput())));
    }
    if (speed.historicalSecondsPerSample() != null) {
      return Optional.of(
          Duration.ofMillis((long) (1000.0 * remaining * speed.historicalSecondsPerSample())));
    }
    if (task.startTime() != null && done > 0) {
      double seconds = Duration.between(task.startTime(), now).toMillis() / 1000.0;
      return Optional.of(Duration.ofMillis((long) (1000.0 * remaining * seconds / done)));
    }
    return Optional.empty();
  }

  /** Whether a task can have an ETA at all: it runs and its sample count is known. */
  public static boolean applies(EvaluationTask task) {
    return task.status() == TaskStatus.RUNNING
        && task.samplesTotal() != null
        && task.samplesTotal() > 0;
  }

  /** The time left for a session at its pace so far; empty when it is finished or unknown. */
  public static Optional<Duration> ofSession(SessionSummary s, Instant now) {
    if (s.session().status().isFinal() || s.session().startTime() == null) {
      return Optional.empty();
    }
    return atPace(
        Duration.between(s.session().startTime(), now), s.finishedTasks(), s.totalTasks());
  }

  /**
   * The time left when {@code done} of {@code total} took {@code elapsed}, at the same pace; empty
   * when nothing is done yet or everything is.
   */
  public static Optional<Duration> atPace(Duration elapsed, double done, double total) {
    if (elapsed == null || done <= 0 || total <= 0 || done >= total) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) (elapsed.toMillis() / done * (total - done))));
  }

  private static Double latestThroughput(List<PerfSample> perf) {
    for (int i = perf.size() - 1; i >= Math.max(0, perf.size() - RECENT_SAMPLES); i--) {
      Double r = perf.get(i).throughput();
      if (r != null && r > 0) {
        return r;
      }
    }
    return null;
  }
}
