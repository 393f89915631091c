package io.evalstation.app.ui.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterCountsTest {
  @Test
  void readsAndWritesTheWayResearchersDo() {
    assertThat(ParameterCounts.parse("7B")).isEqualTo(7_000_000_000L);
    assertThat(ParameterCounts.parse("1.5b")).isEqualTo(1_500_000_000L);
    assertThat(ParameterCounts.parse("350M")).isEqualTo(350_000_000L);
    assertThat(ParameterCounts.parse(" ")).isNull();
    assertThat(ParameterCounts.format(7_600_000_000L)).isEqualTo("7.6B");
    assertThat(ParameterCounts.format(8_000_000_000L)).isEqualTo("8B");
    assertThat(ParameterCounts.format(350_000_000L)).isEqualTo("350M");
    assertThatThrownBy(() -> ParameterCounts.parse("seven"))
        .hasMessageContaining("'seven'")
        .hasMessageContaining("7B");
    assertThatThrownBy(() -> ParameterCounts.parse("-1B")).hasMessageContaining("not positive");
  }
}
