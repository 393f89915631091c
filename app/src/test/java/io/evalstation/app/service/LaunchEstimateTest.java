package io.evalstation.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of a launch estimate and the one line the Launch view and the dry run show. */
class LaunchEstimateTest {

  @Test
  void gpuHoursCountThePresetsGpusAndTheLongestTaskIsTheGridsTime() {
    LaunchEstimate e =
        LaunchEstimate.of(4, List.of(Duration.ofMinutes(30), Duration.ofMinutes(90)), 4);
    assertThat(e.tasks()).isEqualTo(4);
    assertThat(e.known()).isEqualTo(2);
    assertThat(e.longest()).isEqualTo(Duration.ofMinutes(90));
    // (30 + 90) min × 4 GPUs = 8 GPU-hours; with one GPU it was 2
    assertThat(e.gpuHours()).isCloseTo(8.0, within(1e-9));
    assertThat(LaunchEstimate.of(4, List.of(Duration.ofMinutes(120)), 1).gpuHours())
        .isCloseTo(2.0, within(1e-9));
    assertThat(e.describe(d -> d.toMinutes() + " min"))
        .isEqualTo("about 90 min if all run at once · 8.0 GPU-hours (history for 2 of 4 tasks)");
  }

  @Test
  void anEmptyGridSaysNothingAndAGridWithoutHistorySaysSo() {
    assertThat(LaunchEstimate.of(0, List.of(), 1).describe(Duration::toString)).isEmpty();
    assertThat(LaunchEstimate.of(3, List.of(), 2).describe(Duration::toString))
        .isEqualTo("no history for these models and datasets");
    assertThat(
            LaunchEstimate.of(1, List.of(Duration.ofSeconds(42)), 1)
                .describe(d -> d.toSeconds() + " s"))
        .isEqualTo("about 42 s if all run at once · 0.0 GPU-hours");
  }
}
