package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.evalstation.model.MetricKey;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metric resolution: default filters, canonical names and the errors that list the choices. Every
 * figure against values computed by hand from {@link Corpus}.
 */
class MetricResolverTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private MetricResolver repo() {
    return new MetricResolver(corpus.db().dsl());
  }

  @Test
  void defaultFilterResolution() {
    assertThat(repo().resolve(MetricSelector.parse("pass_at_1"), ResultFilter.all()).key())
        .isEqualTo(new MetricKey("pass_at_1", "none"));
    assertThat(repo().resolve(MetricSelector.parse("pass@1"), ResultFilter.all()).key())
        .isEqualTo(new MetricKey("pass_at_1", "none"));
    // the only filter there is
    assertThat(repo().resolve(MetricSelector.parse("acc"), ResultFilter.all()).key())
        .isEqualTo(new MetricKey("acc", "custom"));
    assertThat(
            repo()
                .resolve(MetricSelector.parse("exact_match,strict-match"), ResultFilter.all())
                .key())
        .isEqualTo(new MetricKey("exact_match", "strict-match"));
    assertThatThrownBy(
            () -> repo().resolve(MetricSelector.parse("exact_match"), ResultFilter.all()).key())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "metric 'exact_match' is recorded under several filters (flexible-extract,"
                + " strict-match); name one, e.g. --metric exact_match,flexible-extract");
    assertThatThrownBy(
            () ->
                repo().resolve(MetricSelector.parse("exact_match,nope"), ResultFilter.all()).key())
        .hasMessageContaining("has no values under filter 'nope'")
        .hasMessageContaining("flexible-extract, strict-match");
    assertThatThrownBy(() -> repo().resolve(MetricSelector.parse("bleu"), ResultFilter.all()).key())
        .hasMessageContaining("no evaluation has metric 'bleu'")
        .hasMessageContaining("acc, exact_match, pass_at_1, perplexity");
    assertThatThrownBy(() -> MetricSelector.parse("acc,")).hasMessageContaining("empty filter");

    // several filters and none of them among the selected datasets: still the error
    assertThatThrownBy(
            () ->
                repo()
                    .resolve(
                        MetricSelector.parse("exact_match"),
                        ResultFilter.all().withDatasets("humaneval"))
                    .key())
        .hasMessageContaining("several filters (flexible-extract, strict-match)");
    Leaderboard strict =
        corpus
            .analytics()
            .leaderboards()
            .leaderboard(MetricSelector.parse("exact_match,strict-match"), ResultFilter.all());
    assertThat(strict.rows()).extracting(LeaderboardRow::model).containsExactly("beta", "alpha");
    assertThat(strict.rows().get(0).mean()).isCloseTo(0.7, EPS);
  }
}
