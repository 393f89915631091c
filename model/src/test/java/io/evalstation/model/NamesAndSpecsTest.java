package io.evalstation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Names that reach a cluster, the grid's task specs, priorities and metric keys. */
class NamesAndSpecsTest {

  @Test
  void safeNamesPassAndShellOrPathTricksAreRefusedNamingTheField() {
    assertThat(Names.requireName("model", "meta-llama/Llama-3.1-8B")).isNotNull();
    assertThat(Names.isSafe("qwen3_8b:v2+q=4")).isTrue();
    for (String bad : new String[] {"x; touch /tmp/pwned", "../etc", "-rf", "a b", "a..b", "é"}) {
      assertThat(Names.isSafe(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> Names.requireName("dataset", bad))
          .as(bad)
          .hasMessageContaining("dataset '" + bad + "'");
    }
    assertThat(Names.isSafe("a".repeat(200))).isTrue();
    assertThat(Names.isSafe("a".repeat(201))).isFalse();
    assertThatThrownBy(() -> Names.requireName("preset", " ")).hasMessage("preset is missing");
  }

  @Test
  void aTaskSpecValidatesWhatItIsGiven() {
    TaskSpec t = new TaskSpec("m", "gsm8k", "fast", null, Priority.HIGH);
    assertThat(t.sampleLimit()).isNull();
    assertThatThrownBy(() -> new TaskSpec("m", "gsm8k", "fast", 0, Priority.LOW))
        .hasMessageContaining("sample limit 0");
    assertThatThrownBy(() -> new TaskSpec("m", "gs m8k", "fast", 1, Priority.LOW))
        .hasMessageContaining("dataset");
    assertThatThrownBy(() -> new TaskSpec("m", "gsm8k", "fast", 1, null))
        .hasMessageContaining("priority");
  }

  @Test
  void prioritiesParseInAnyCase() {
    assertThat(Priority.parse("High")).isEqualTo(Priority.HIGH);
    assertThat(Priority.NORMAL.dbValue()).isEqualTo("normal");
    assertThatThrownBy(() -> Priority.parse("urgent")).hasMessageContaining("'urgent'");
  }

  @Test
  void metricKeysAreCanonicalAndParseTheLmEvalForm() {
    assertThat(MetricKey.of("pass@1")).isEqualTo(MetricKey.of("pass_at_1"));
    assertThat(MetricKey.parse("exact_match,strict-match"))
        .isEqualTo(new MetricKey("exact_match", "strict-match"));
    assertThat(MetricKey.parse("acc").filter()).isEqualTo(MetricKey.NO_FILTER);
    assertThat(new MetricKey("acc", " ").filter()).isEqualTo("none");
    assertThat(new MetricKey("exact_match", "flexible-extract").toString())
        .isEqualTo("exact_match,flexible-extract");
    assertThatThrownBy(() -> MetricKey.parse("acc,")).hasMessageContaining("empty filter");
    assertThatThrownBy(() -> MetricKey.parse(" ")).hasMessageContaining("missing");
  }
}
