package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prediction pairs paged by keyset and filtered. Every figure against values computed by hand from
 * {@link Corpus}.
 */
class PredictionPairRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private PredictionPairRepository repo() {
    return corpus.analytics().predictionPairs();
  }

  @Test
  void predictionPairsPageByKeysetAndFilter() {
    PredictionPairQuery q =
        PredictionPairQuery.firstPage(corpus.corpus().t1, corpus.corpus().t3, 5);
    List<Integer> seen = new ArrayList<>();
    PredictionPage page = repo().page(q);
    int pages = 1;
    page.rows().forEach(r -> seen.add(r.sampleId()));
    while (page.next(q).isPresent()) {
      q = page.next(q).orElseThrow();
      page = repo().page(q);
      page.rows().forEach(r -> seen.add(r.sampleId()));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    PredictionPage fixed =
        repo()
            .page(
                PredictionPairQuery.firstPage(corpus.corpus().t1, corpus.corpus().t3, 100)
                    .withOutcome(PairOutcome.FIXED));
    assertThat(fixed.rows())
        .extracting(PredictionPair::sampleId)
        .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(fixed.hasMore()).isFalse();
    PredictionPair r = fixed.rows().get(0);
    assertThat(r.predictionA()).isEqualTo("answer a2");
    assertThat(r.predictionB()).isEqualTo("answer B2");
    assertThat(r.groundTruth()).isEqualTo("truth 2");
    assertThat(r.outcome()).isEqualTo(PairOutcome.FIXED);

    PredictionPage regressed =
        repo()
            .page(
                PredictionPairQuery.firstPage(corpus.corpus().t1, corpus.corpus().t3, 100)
                    .withOutcome(PairOutcome.REGRESSED));
    assertThat(regressed.rows()).extracting(PredictionPair::sampleId).containsExactly(11);
    PredictionPage search =
        repo()
            .page(
                PredictionPairQuery.firstPage(corpus.corpus().t1, corpus.corpus().t3, 100)
                    .withSearch("b1"));
    // "answer B1", "answer B10", "answer B11", "answer B12" (case-insensitive)
    assertThat(search.rows()).extracting(PredictionPair::sampleId).containsExactly(1, 10, 11, 12);
    PredictionPage percent =
        repo()
            .page(
                PredictionPairQuery.firstPage(corpus.corpus().t1, corpus.corpus().t3, 100)
                    .withSearch("%"));
    assertThat(percent.rows()).isEmpty(); // wildcards are escaped
    PredictionPage both =
        repo()
            .page(
                PredictionPairQuery.firstPage(corpus.corpus().t1, corpus.corpus().t3, 100)
                    .withOutcome(PairOutcome.BOTH_WRONG));
    assertThat(both.rows()).isEmpty();
  }
}
