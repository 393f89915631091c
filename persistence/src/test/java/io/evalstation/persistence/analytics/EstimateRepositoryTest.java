package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Duration estimates from history. Every figure against values computed by hand from {@link
 * Corpus}.
 */
class EstimateRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private EstimateRepository repo() {
    return corpus.analytics().estimates();
  }

  /** One pair's estimate: a grid of one. */
  private java.util.Optional<DurationEstimate> estimate(
      String model, String dataset, String preset, Integer samples) {
    List<DurationEstimate> all =
        repo().estimates(List.of(model), List.of(dataset), preset, samples);
    assertThat(all).hasSizeLessThanOrEqualTo(1);
    return all.stream().findFirst();
  }

  @Test
  void durationEstimateFromHistory() {
    DurationEstimate e = estimate("gamma", "humaneval", "balanced", 164).orElseThrow();
    assertThat(e.runs()).isEqualTo(1);
    assertThat(e.presetMatched()).isTrue();
    assertThat(e.samplesPerSecond()).isCloseTo(164.0 / 600, EPS);
    assertThat(e.estimate()).isEqualTo(Duration.ofSeconds(600));
    DurationEstimate any = estimate("alpha", "mbpp", "fast", null).orElseThrow();
    assertThat(any.presetMatched()).isFalse();
    assertThat(any.samples()).isEqualTo(500); // the dataset's sample count
    assertThat(any.estimate()).isEqualTo(Duration.ofSeconds(1800));
    assertThat(estimate("beta", "humaneval", "balanced", 10)).isEmpty(); // no result
  }

  @Test
  void aWholeGridIsOneQueryAndGivesWhatEachCellGivesAlone() {
    List<String> models = List.of("alpha", "beta", "gamma", "delta", "nobody");
    List<String> datasets = List.of("humaneval", "mbpp", "bigcodebench");
    List<String> statements = new ArrayList<>();
    DSLContext counting =
        DSL.using(
            corpus
                .db()
                .dsl()
                .configuration()
                .derive(
                    new DefaultExecuteListenerProvider(
                        new ExecuteListener() {
                          @Override
                          public void executeStart(ExecuteContext ctx) {
                            statements.add(ctx.sql());
                          }
                        })));
    List<DurationEstimate> grid =
        new Analytics(counting).estimates().estimates(models, datasets, "balanced", null);
    assertThat(statements).hasSize(1);

    List<DurationEstimate> cellByCell = new ArrayList<>();
    for (String m : models) {
      for (String d : datasets) {
        estimate(m, d, "balanced", null).ifPresent(cellByCell::add);
      }
    }
    assertThat(grid).isNotEmpty().containsExactlyInAnyOrderElementsOf(cellByCell);
    assertThat(grid).extracting(DurationEstimate::model).doesNotContain("nobody");
    assertThat(grid).anyMatch(DurationEstimate::presetMatched);
    assertThat(grid).anyMatch(e -> !e.presetMatched());
  }
}
