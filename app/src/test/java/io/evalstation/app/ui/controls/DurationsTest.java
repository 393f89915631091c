package io.evalstation.app.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the views write durations (the ETAs themselves: EtaPolicyTest in model). */
class DurationsTest {
  @Test
  void durationsAndEtas() {
    assertThat(Durations.format(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(Durations.format(Duration.ofSeconds(754))).isEqualTo("12 min 34 s");
    assertThat(Durations.format(Duration.ofMinutes(185))).isEqualTo("3 h 05 min");
    assertThat(Durations.format(null)).isEqualTo("–");
  }
}
