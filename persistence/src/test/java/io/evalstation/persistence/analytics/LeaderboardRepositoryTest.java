package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstation.model.MetricKey;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leaderboards: ranks, ties, statistics, filters and direction. Every figure against values
 * computed by hand from {@link Corpus}.
 */
class LeaderboardRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private LeaderboardRepository repo() {
    return corpus.analytics().leaderboards();
  }

  @Test
  void leaderboardRanksWithTiesAndStatistics() {
    Leaderboard lb = repo().leaderboard(PASS, ResultFilter.all());
    assertThat(lb.metric()).isEqualTo(MetricKey.of("pass_at_1"));
    assertThat(lb.higherIsBetter()).isTrue();
    // epsilon's only value is NaN: not an evaluation. alpha and beta tie at 0.7 (0.6+0.8 vs
    // 0.5+0.9).
    assertThat(lb.rows())
        .extracting(LeaderboardRow::model)
        .containsExactly("alpha", "beta", "gamma", "delta");
    assertThat(lb.rows()).extracting(LeaderboardRow::rank).containsExactly(1, 1, 3, 4);

    LeaderboardRow alpha = lb.rows().get(0);
    assertThat(alpha.family()).isEqualTo("qwen3");
    assertThat(alpha.specialization()).isEqualTo("general");
    assertThat(alpha.evaluations()).isEqualTo(2);
    assertThat(alpha.mean()).isCloseTo(0.7, EPS);
    assertThat(alpha.stddev()).isCloseTo(Math.sqrt(0.02), EPS); // (0.1² + 0.1²) / 1
    assertThat(alpha.stderr()).isCloseTo(0.1, EPS);
    // t(0.975, df=1) = 12.7062047
    assertThat(alpha.ciLow()).isCloseTo(0.7 - 1.27062047, within(1e-7));
    assertThat(alpha.ciHigh()).isCloseTo(0.7 + 1.27062047, within(1e-7));
    assertThat(alpha.avgResponseTime()).isCloseTo(2.0, EPS); // results 1.0 and 3.0

    LeaderboardRow beta = lb.rows().get(1);
    assertThat(beta.stddev()).isCloseTo(Math.sqrt(0.08), EPS);
    assertThat(beta.stderr()).isCloseTo(0.2, EPS);
    // t3 has no result row: its predictions' mean 1.5; t4's result 3.5
    assertThat(beta.avgResponseTime()).isCloseTo(2.5, EPS);

    LeaderboardRow gamma = lb.rows().get(2);
    assertThat(gamma.evaluations()).isEqualTo(3);
    assertThat(gamma.mean()).isCloseTo(0.5, EPS);
    assertThat(gamma.stddev()).isCloseTo(0.1, EPS);
    assertThat(gamma.stderr()).isCloseTo(0.1 / Math.sqrt(3), EPS);
    // t(0.975, df=2) = 4.30265273
    assertThat(gamma.ciHigh()).isCloseTo(0.5 + 4.30265273 * 0.1 / Math.sqrt(3), within(1e-7));
    assertThat(gamma.avgResponseTime()).isCloseTo(0.5, EPS);

    LeaderboardRow delta = lb.rows().get(3);
    assertThat(delta.evaluations()).isEqualTo(1); // the failed mbpp task does not count
    assertThat(delta.mean()).isCloseTo(0.3, EPS);
    assertThat(delta.stddev()).isNull();
    assertThat(delta.stderr()).isNull();
    assertThat(delta.ciLow()).isNull();
    assertThat(delta.ciHigh()).isNull();
  }

  @Test
  void leaderboardFilters() {
    assertThat(models(ResultFilter.all().withMinEvaluations(2)))
        .containsExactly("alpha", "beta", "gamma");
    assertThat(models(ResultFilter.all().withModelFamily("qwen3")))
        .containsExactly("alpha", "gamma");
    assertThat(models(ResultFilter.all().withSpecialization("code")))
        .containsExactly("beta", "gamma");
    assertThat(models(ResultFilter.all().withPreset("fast"))).containsExactly("gamma");
    assertThat(models(ResultFilter.all().withDatasets("mbpp")))
        .containsExactly("beta", "alpha", "gamma");
    assertThat(models(ResultFilter.all().withDatasetCategory("math"))).isEmpty();

    Leaderboard window =
        repo()
            .leaderboard(
                PASS,
                ResultFilter.all()
                    .withWindow(
                        Instant.parse("2025-09-02T00:00:00Z"),
                        Instant.parse("2025-09-03T00:00:00Z")));
    // end times on 09-02: t3 0.5, t4 0.9 (beta), t5 0.4 (gamma)
    assertThat(window.rows()).extracting(LeaderboardRow::model).containsExactly("beta", "gamma");
    assertThat(window.rows().get(0).mean()).isCloseTo(0.7, EPS);
    assertThat(window.rows().get(1).mean()).isCloseTo(0.4, EPS);
  }

  @Test
  void lowerIsBetterRanksAscending() {
    Leaderboard lb = repo().leaderboard(MetricSelector.parse("perplexity"), ResultFilter.all());
    assertThat(lb.higherIsBetter()).isFalse();
    assertThat(lb.rows())
        .extracting(LeaderboardRow::model)
        .containsExactly("beta", "gamma", "alpha");
    assertThat(lb.rows()).extracting(LeaderboardRow::rank).containsExactly(1, 1, 3);
  }

  private List<String> models(ResultFilter filter) {
    if (filter.datasetCategory() != null && filter.datasetCategory().equals("math")) {
      // pass@1 exists, but not on math datasets: an empty leaderboard, not an error
      assertThat(repo().leaderboard(PASS, filter).rows()).isEmpty();
      return List.of();
    }
    return repo().leaderboard(PASS, filter).rows().stream().map(LeaderboardRow::model).toList();
  }
}
