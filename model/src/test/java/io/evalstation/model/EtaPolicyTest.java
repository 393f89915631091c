package io.evalstation.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EtaPolicyTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static EvaluationTask running(Integer done, Integer total) {
    return task(TaskStatus.RUNNING, done, total);
  }

  private static EvaluationTask task(TaskStatus status, Integer done, Integer total) {
    return new EvaluationTask(
        1,
        1,
        0,
        "m",
        "d",
        "fast",
        100,
        Priority.NORMAL,
        status,
        null,
        null,
        null,
        42L,
        "node1",
        START,
        null,
        done,
        total,
        3);
  }

  private static PerfSample throughput(int second, Double samplesPerSecond) {
    return new PerfSample(START.plusSeconds(second), null, null, null, null, samplesPerSecond, "n");
  }

  private static final Supplier<Optional<Double>> NEVER_ASKED =
      () -> {
        throw new AssertionError("the history is not consulted when throughput is known");
      };

  @Test
  void theLatestThroughputWinsAndTheHistoryIsNotConsulted() {
    // 60 samples left at 2 samples/s.
    assertThat(
            EtaPolicy.ofTask(
                running(40, 100),
                EtaPolicy.speed(List.of(throughput(10, 2.0)), NEVER_ASKED),
                START.plusSeconds(20)))
        .hasValue(Duration.ofSeconds(30));
    // The latest positive throughput counts; an empty or zero sample after it does not.
    assertThat(
            EtaPolicy.ofTask(
                running(40, 100),
                EtaPolicy.speed(
                    List.of(throughput(5, 1.0), throughput(10, 4.0), throughput(15, 0.0)),
                    NEVER_ASKED),
                START.plusSeconds(20)))
        .hasValue(Duration.ofSeconds(15));
  }

  @Test
  void onlyTheRecentSamplesAreSearchedForAThroughput() {
    List<PerfSample> perf = new ArrayList<>();
    perf.add(throughput(0, 3.0));
    for (int i = 1; i <= EtaPolicy.RECENT_SAMPLES; i++) {
      perf.add(throughput(i, null));
    }
    assertThat(
            EtaPolicy.ofTask(
                running(40, 100),
                EtaPolicy.speed(perf, () -> Optional.of(0.5)),
                START.plusSeconds(20)))
        .hasValue(Duration.ofSeconds(30));
  }

  @Test
  void withoutThroughputTheHistoryThenTheTasksOwnPaceDecide() {
    assertThat(
            EtaPolicy.ofTask(
                running(40, 100),
                EtaPolicy.speed(List.of(), () -> Optional.of(2.0)),
                START.plusSeconds(20)))
        .hasValue(Duration.ofSeconds(120));
    // 40 samples in 20 s: 60 more take 30 s.
    assertThat(
            EtaPolicy.ofTask(
                running(40, 100),
                EtaPolicy.speed(List.of(), Optional::empty),
                START.plusSeconds(20)))
        .hasValue(Duration.ofSeconds(30));
    assertThat(
            EtaPolicy.ofTask(
                running(0, 100),
                EtaPolicy.speed(List.of(), Optional::empty),
                START.plusSeconds(20)))
        .isEmpty();
  }

  @Test
  void onlyRunningTasksWithAKnownSizeHaveAnEta() {
    assertThat(
            EtaPolicy.ofTask(
                task(TaskStatus.QUEUED, 40, 100),
                EtaPolicy.speed(List.of(throughput(10, 2.0)), NEVER_ASKED),
                START))
        .isEmpty();
    assertThat(
            EtaPolicy.ofTask(
                running(40, null),
                EtaPolicy.speed(List.of(throughput(10, 2.0)), NEVER_ASKED),
                START))
        .isEmpty();
    assertThat(
            EtaPolicy.ofTask(
                running(0, 0), EtaPolicy.speed(List.of(throughput(10, 2.0)), NEVER_ASKED), START))
        .isEmpty();
  }

  @Test
  void aSessionsEtaIsItsPaceOverFinishedTasks() {
    EvaluationSession running =
        new EvaluationSession(
            7, "s", SourceKind.LAUNCH, null, SessionStatus.RUNNING, null, "c", START, null, 1);
    SessionSummary oneOfThree = new SessionSummary(running, 3, 1, 0, 1, START);
    assertThat(EtaPolicy.ofSession(oneOfThree, START.plus(Duration.ofMinutes(10))))
        .hasValue(Duration.ofMinutes(20));
    EvaluationSession done =
        new EvaluationSession(
            7, "s", SourceKind.LAUNCH, null, SessionStatus.COMPLETED, null, "c", START, null, 1);
    assertThat(
            EtaPolicy.ofSession(
                new SessionSummary(done, 3, 3, 0, 0, START), START.plusSeconds(600)))
        .isEmpty();
  }

  @Test
  void paceNeedsSomethingDoneAndSomethingLeft() {
    assertThat(EtaPolicy.atPace(Duration.ofMinutes(10), 1, 3)).hasValue(Duration.ofMinutes(20));
    assertThat(EtaPolicy.atPace(Duration.ofMinutes(10), 0, 3)).isEmpty();
    assertThat(EtaPolicy.atPace(Duration.ofMinutes(10), 3, 3)).isEmpty();
  }
}
