package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pivots: mean, stderr and the best cell per dataset. Every figure against values computed by hand
 * from {@link Corpus}.
 */
class PivotRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private PivotRepository repo() {
    return corpus.analytics().pivots();
  }

  @Test
  void pivotMeanStderrAndBest() {
    Pivot p = repo().pivot(PASS, ResultFilter.all());
    assertThat(p.models()).containsExactly("alpha", "beta", "delta", "gamma");
    assertThat(p.datasets()).containsExactly("bigcodebench", "humaneval", "mbpp");
    assertThat(p.cells()).hasSize(8);
    PivotCell ah = p.cell("alpha", "humaneval").orElseThrow();
    assertThat(ah.mean()).isCloseTo(0.6, EPS);
    assertThat(ah.stderr()).isCloseTo(0.03, EPS); // the reported stderr of the single run
    assertThat(ah.best()).isTrue();
    PivotCell bh = p.cell("beta", "humaneval").orElseThrow();
    assertThat(bh.stderr()).isNull(); // missing stderr stays missing
    assertThat(bh.best()).isFalse();
    assertThat(p.cell("beta", "mbpp").orElseThrow().best()).isTrue();
    assertThat(p.cell("alpha", "mbpp").orElseThrow().best()).isFalse();
    assertThat(p.cell("gamma", "bigcodebench").orElseThrow().best()).isTrue();
    assertThat(p.cell("delta", "mbpp")).isEmpty(); // failed
    assertThat(p.cells().stream().filter(PivotCell::best).count()).isEqualTo(3);

    Pivot ppl = repo().pivot(MetricSelector.parse("perplexity"), ResultFilter.all());
    assertThat(ppl.cells().stream().filter(PivotCell::best).map(PivotCell::model))
        .containsExactly("beta", "gamma"); // tie at 8, lower is better
  }
}
