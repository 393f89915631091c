package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paired comparisons: counts, McNemar, bootstrap, alignment and warnings. Every figure against
 * values computed by hand from {@link Corpus}.
 */
class ComparisonRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private ComparisonRepository repo() {
    return corpus.analytics().comparisons();
  }

  @Test
  void pairedComparisonCountsAndStatistics() {
    PairedComparison c = repo().compare(corpus.corpus().t1, corpus.corpus().t3, null);
    assertThat(c.alignment()).isEqualTo(Alignment.SAMPLE_ID);
    assertThat(c.filter()).isEqualTo("none");
    assertThat(c.aligned()).isEqualTo(13);
    assertThat(c.onlyInA()).isEqualTo(1);
    assertThat(c.onlyInB()).isEqualTo(1);
    assertThat(c.unknown()).isEqualTo(1);
    assertThat(c.bothCorrect()).isEqualTo(2);
    assertThat(c.fixed()).isEqualTo(9);
    assertThat(c.regressed()).isEqualTo(1);
    assertThat(c.bothWrong()).isZero();
    assertThat(c.counted()).isEqualTo(12);
    assertThat(c.accuracyA()).isCloseTo(3.0 / 12, EPS);
    assertThat(c.accuracyB()).isCloseTo(11.0 / 12, EPS);
    assertThat(c.difference()).isCloseTo(8.0 / 12, EPS);
    assertThat(c.mcnemarP()).isCloseTo(0.021484375, within(1e-12)); // 22 / 1024
    assertThat(c.bootstrap().contains(c.difference())).isTrue();
    assertThat(c.a().samples()).isEqualTo(14);
    assertThat(c.b().samples()).isEqualTo(14);
    assertThat(c.a().model()).isEqualTo("alpha");
    assertThat(c.warnings())
        .containsExactly(
            "different sample limits: A 164, B all",
            "different n-shot: A 0, B 5",
            "1 of 13 aligned samples have different prompt hashes (the prompts differ)",
            "1 samples only in A and 1 only in B are left out of the counts",
            "1 aligned samples have unknown correctness and are left out");
    // the same again: the bootstrap is seeded
    assertThat(repo().compare(corpus.corpus().t1, corpus.corpus().t3, null).bootstrap())
        .isEqualTo(c.bootstrap());

    PairedComparison byModel =
        repo()
            .compare(
                repo().latestCompletedTask("alpha", "humaneval"),
                repo().latestCompletedTask("beta", "humaneval"),
                null);
    assertThat(byModel.a().taskId()).isEqualTo(corpus.corpus().t1);
    assertThat(byModel.b().taskId()).isEqualTo(corpus.corpus().t3);
    assertThatThrownBy(() -> repo().latestCompletedTask("delta", "mbpp"))
        .hasMessage("model 'delta' has no completed task on dataset 'mbpp'");
  }

  @Test
  void comparisonFallsBackToPromptHashAndNeedsAFilter() {
    assertThatThrownBy(() -> repo().compare(corpus.corpus().t14, corpus.corpus().t15, null))
        .hasMessageContaining("several filters (flexible-extract, strict-match)");
    PairedComparison c = repo().compare(corpus.corpus().t14, corpus.corpus().t15, "strict-match");
    assertThat(c.alignment()).isEqualTo(Alignment.PROMPT_HASH);
    assertThat(c.aligned()).isEqualTo(3);
    assertThat(c.bothCorrect()).isEqualTo(1);
    assertThat(c.fixed()).isEqualTo(2);
    assertThat(c.mcnemarP()).isCloseTo(0.5, EPS); // b=0, c=2: 2 × 1/4
    assertThat(c.warnings()).contains("no sample ids matched; samples were paired by prompt hash");
    assertThatThrownBy(() -> repo().compare(corpus.corpus().t14, corpus.corpus().t15, "nope"))
        .hasMessageContaining("no predictions under filter 'nope'");
  }
}
