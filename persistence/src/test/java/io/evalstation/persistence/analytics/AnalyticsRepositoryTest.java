package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.evalstation.model.MetricKey;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every figure against values computed by hand from {@link Corpus}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @TempDir static Path dir;
  Database db;
  AnalyticsRepository analytics;
  Corpus corpus;

  @BeforeAll
  void load() {
    db = TestDatabase.open(dir);
    corpus = Corpus.load(db.dsl());
    analytics = new AnalyticsRepository(db.dsl());
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void leaderboardRanksWithTiesAndStatistics() {
    Leaderboard lb = analytics.leaderboard(PASS, ResultFilter.all());
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
        analytics.leaderboard(
            PASS,
            ResultFilter.all()
                .withWindow(
                    Instant.parse("2025-09-02T00:00:00Z"), Instant.parse("2025-09-03T00:00:00Z")));
    // end times on 09-02: t3 0.5, t4 0.9 (beta), t5 0.4 (gamma)
    assertThat(window.rows()).extracting(LeaderboardRow::model).containsExactly("beta", "gamma");
    assertThat(window.rows().get(0).mean()).isCloseTo(0.7, EPS);
    assertThat(window.rows().get(1).mean()).isCloseTo(0.4, EPS);
  }

  private List<String> models(ResultFilter filter) {
    if (filter.datasetCategory() != null && filter.datasetCategory().equals("math")) {
      // pass@1 exists, but not on math datasets: an empty leaderboard, not an error
      assertThat(analytics.leaderboard(PASS, filter).rows()).isEmpty();
      return List.of();
    }
    return analytics.leaderboard(PASS, filter).rows().stream().map(LeaderboardRow::model).toList();
  }

  @Test
  void lowerIsBetterRanksAscending() {
    Leaderboard lb = analytics.leaderboard(MetricSelector.parse("perplexity"), ResultFilter.all());
    assertThat(lb.higherIsBetter()).isFalse();
    assertThat(lb.rows())
        .extracting(LeaderboardRow::model)
        .containsExactly("beta", "gamma", "alpha");
    assertThat(lb.rows()).extracting(LeaderboardRow::rank).containsExactly(1, 1, 3);
  }

  @Test
  void defaultFilterResolution() {
    assertThat(analytics.resolveMetric(MetricSelector.parse("pass_at_1"), ResultFilter.all()))
        .isEqualTo(new MetricKey("pass_at_1", "none"));
    assertThat(analytics.resolveMetric(MetricSelector.parse("pass@1"), ResultFilter.all()))
        .isEqualTo(new MetricKey("pass_at_1", "none"));
    // the only filter there is
    assertThat(analytics.resolveMetric(MetricSelector.parse("acc"), ResultFilter.all()))
        .isEqualTo(new MetricKey("acc", "custom"));
    assertThat(
            analytics.resolveMetric(
                MetricSelector.parse("exact_match,strict-match"), ResultFilter.all()))
        .isEqualTo(new MetricKey("exact_match", "strict-match"));
    assertThatThrownBy(
            () -> analytics.resolveMetric(MetricSelector.parse("exact_match"), ResultFilter.all()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "metric 'exact_match' is recorded under several filters (flexible-extract,"
                + " strict-match); name one, e.g. --metric exact_match,flexible-extract");
    assertThatThrownBy(
            () ->
                analytics.resolveMetric(
                    MetricSelector.parse("exact_match,nope"), ResultFilter.all()))
        .hasMessageContaining("has no values under filter 'nope'")
        .hasMessageContaining("flexible-extract, strict-match");
    assertThatThrownBy(
            () -> analytics.resolveMetric(MetricSelector.parse("bleu"), ResultFilter.all()))
        .hasMessageContaining("no evaluation has metric 'bleu'")
        .hasMessageContaining("acc, exact_match, pass_at_1, perplexity");
    assertThatThrownBy(() -> MetricSelector.parse("acc,")).hasMessageContaining("empty filter");

    // several filters and none of them among the selected datasets: still the error
    assertThatThrownBy(
            () ->
                analytics.resolveMetric(
                    MetricSelector.parse("exact_match"),
                    ResultFilter.all().withDatasets("humaneval")))
        .hasMessageContaining("several filters (flexible-extract, strict-match)");
    Leaderboard strict =
        analytics.leaderboard(MetricSelector.parse("exact_match,strict-match"), ResultFilter.all());
    assertThat(strict.rows()).extracting(LeaderboardRow::model).containsExactly("beta", "alpha");
    assertThat(strict.rows().get(0).mean()).isCloseTo(0.7, EPS);
  }

  @Test
  void pivotMeanStderrAndBest() {
    Pivot p = analytics.pivot(PASS, ResultFilter.all());
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

    Pivot ppl = analytics.pivot(MetricSelector.parse("perplexity"), ResultFilter.all());
    assertThat(ppl.cells().stream().filter(PivotCell::best).map(PivotCell::model))
        .containsExactly("beta", "gamma"); // tie at 8, lower is better
    assertThat(analytics.crossDataset(PASS, ResultFilter.all())).isEqualTo(p.cells());
  }

  @Test
  void bestBySpecializationOnCodingDatasets() {
    List<SpecializationBest> best = analytics.bestBySpecialization(PASS, ResultFilter.all());
    // code: beta 0.7 beats gamma 0.5; general: alpha 0.7 beats delta 0.3
    assertThat(best)
        .containsExactly(
            new SpecializationBest("code", "beta", 2, best.get(0).mean()),
            new SpecializationBest("general", "alpha", 2, best.get(1).mean()));
    assertThat(best.get(0).mean()).isCloseTo(0.7, EPS);
    List<SpecializationBest> min3 =
        analytics.bestBySpecialization(PASS, ResultFilter.all().withMinEvaluations(3));
    assertThat(min3).extracting(SpecializationBest::model).containsExactly("gamma");
  }

  @Test
  void dailyPerformanceSeries() {
    List<SeriesPoint> s = analytics.dailySeries(PASS, ResultFilter.all());
    List<String> got = new ArrayList<>();
    for (SeriesPoint p : s) {
      got.add(
          p.bucketStart()
              + " "
              + p.model()
              + " "
              + p.evaluations()
              + " "
              + Math.round(p.mean() * 1000));
    }
    assertThat(got)
        .containsExactly(
            "2025-09-01T00:00:00Z alpha 2 700",
            "2025-09-02T00:00:00Z beta 2 700",
            "2025-09-02T00:00:00Z gamma 1 400",
            "2025-09-03T00:00:00Z delta 1 300",
            "2025-09-03T00:00:00Z gamma 2 550");
  }

  @Test
  void dailyTrends() {
    List<TrendBucket> t = analytics.trends(TimeBucket.DAY, ResultFilter.all(), PASS);
    assertThat(t)
        .extracting(TrendBucket::bucketStart)
        .containsExactly(
            Instant.parse("2025-09-01T00:00:00Z"),
            Instant.parse("2025-09-02T00:00:00Z"),
            Instant.parse("2025-09-03T00:00:00Z"),
            Instant.parse("2025-09-04T00:00:00Z"));
    TrendBucket d1 = t.get(0);
    assertThat(d1.sessions()).isEqualTo(1);
    assertThat(d1.tasks()).isEqualTo(2);
    assertThat(d1.successRate()).isCloseTo(1.0, EPS);
    assertThat(d1.avgTaskSeconds()).isCloseTo(2700.0, EPS);
    assertThat(d1.gpuHours()).isCloseTo(3.0, EPS); // (3600 + 1800) s × 2 GPUs (session)
    assertThat(d1.meanMetric()).isCloseTo(0.7, EPS);
    TrendBucket d2 = t.get(1);
    assertThat(d2.tasks()).isEqualTo(3);
    assertThat(d2.avgTaskSeconds()).isCloseTo(1800.0, EPS);
    assertThat(d2.gpuHours()).isCloseTo(4.5, EPS); // 1200 + 3600×4 (task gpus) + 600
    assertThat(d2.meanMetric()).isCloseTo(0.6, EPS);
    TrendBucket d3 = t.get(2);
    assertThat(d3.tasks()).isEqualTo(5);
    assertThat(d3.completed()).isEqualTo(4);
    assertThat(d3.failed()).isEqualTo(1);
    assertThat(d3.successRate()).isCloseTo(0.8, EPS);
    assertThat(d3.avgTaskSeconds()).isCloseTo(1272.0, EPS);
    assertThat(d3.gpuHours()).isCloseTo(6360.0 / 3600, EPS);
    assertThat(d3.meanMetric()).isCloseTo(1.4 / 3, EPS); // 0.6, 0.5, 0.3; NaN left out
    TrendBucket d4 = t.get(3);
    assertThat(d4.tasks()).isEqualTo(5);
    assertThat(d4.meanMetric()).isNull();

    List<TrendBucket> weekly = analytics.trends(TimeBucket.WEEK, ResultFilter.all(), null);
    // 2025-09-01 is a Monday: one week
    assertThat(weekly).hasSize(1);
    assertThat(weekly.get(0).tasks()).isEqualTo(15);
    assertThat(weekly.get(0).sessions()).isEqualTo(4);
    assertThat(weekly.get(0).meanMetric()).isNull();
    List<TrendBucket> hourly = analytics.trends(TimeBucket.HOUR, ResultFilter.all(), null);
    assertThat(hourly.get(0).bucketStart()).isEqualTo(Instant.parse("2025-09-01T08:00:00Z"));
  }

  @Test
  void pairedComparisonCountsAndStatistics() {
    PairedComparison c = analytics.compare(corpus.t1, corpus.t3, null);
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
    assertThat(analytics.compare(corpus.t1, corpus.t3, null).bootstrap()).isEqualTo(c.bootstrap());

    PairedComparison byModel = analytics.compareModels("alpha", "beta", "humaneval", null);
    assertThat(byModel.a().taskId()).isEqualTo(corpus.t1);
    assertThat(byModel.b().taskId()).isEqualTo(corpus.t3);
    assertThatThrownBy(() -> analytics.compareModels("alpha", "delta", "mbpp", null))
        .hasMessage("model 'delta' has no completed task on dataset 'mbpp'");
  }

  @Test
  void comparisonFallsBackToPromptHashAndNeedsAFilter() {
    assertThatThrownBy(() -> analytics.compare(corpus.t14, corpus.t15, null))
        .hasMessageContaining("several filters (flexible-extract, strict-match)");
    PairedComparison c = analytics.compare(corpus.t14, corpus.t15, "strict-match");
    assertThat(c.alignment()).isEqualTo(Alignment.PROMPT_HASH);
    assertThat(c.aligned()).isEqualTo(3);
    assertThat(c.bothCorrect()).isEqualTo(1);
    assertThat(c.fixed()).isEqualTo(2);
    assertThat(c.mcnemarP()).isCloseTo(0.5, EPS); // b=0, c=2: 2 × 1/4
    assertThat(c.warnings()).contains("no sample ids matched; samples were paired by prompt hash");
    assertThatThrownBy(() -> analytics.compare(corpus.t14, corpus.t15, "nope"))
        .hasMessageContaining("no predictions under filter 'nope'");
  }

  @Test
  void predictionPairsPageByKeysetAndFilter() {
    PredictionPairQuery q = PredictionPairQuery.firstPage(corpus.t1, corpus.t3, 5);
    List<Integer> seen = new ArrayList<>();
    PredictionPage page = analytics.predictionPairs(q);
    int pages = 1;
    page.rows().forEach(r -> seen.add(r.sampleId()));
    while (page.next(q).isPresent()) {
      q = page.next(q).orElseThrow();
      page = analytics.predictionPairs(q);
      page.rows().forEach(r -> seen.add(r.sampleId()));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    PredictionPage fixed =
        analytics.predictionPairs(
            PredictionPairQuery.firstPage(corpus.t1, corpus.t3, 100)
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
        analytics.predictionPairs(
            PredictionPairQuery.firstPage(corpus.t1, corpus.t3, 100)
                .withOutcome(PairOutcome.REGRESSED));
    assertThat(regressed.rows()).extracting(PredictionPair::sampleId).containsExactly(11);
    PredictionPage search =
        analytics.predictionPairs(
            PredictionPairQuery.firstPage(corpus.t1, corpus.t3, 100).withSearch("b1"));
    // "answer B1", "answer B10", "answer B11", "answer B12" (case-insensitive)
    assertThat(search.rows()).extracting(PredictionPair::sampleId).containsExactly(1, 10, 11, 12);
    PredictionPage percent =
        analytics.predictionPairs(
            PredictionPairQuery.firstPage(corpus.t1, corpus.t3, 100).withSearch("%"));
    assertThat(percent.rows()).isEmpty(); // wildcards are escaped
    PredictionPage both =
        analytics.predictionPairs(
            PredictionPairQuery.firstPage(corpus.t1, corpus.t3, 100)
                .withOutcome(PairOutcome.BOTH_WRONG));
    assertThat(both.rows()).isEmpty();
  }

  @Test
  void durationEstimateFromHistory() {
    DurationEstimate e =
        analytics.estimateDuration("gamma", "humaneval", "balanced", 164).orElseThrow();
    assertThat(e.runs()).isEqualTo(1);
    assertThat(e.presetMatched()).isTrue();
    assertThat(e.samplesPerSecond()).isCloseTo(164.0 / 600, EPS);
    assertThat(e.estimate()).isEqualTo(Duration.ofSeconds(600));
    DurationEstimate any = analytics.estimateDuration("alpha", "mbpp", "fast", null).orElseThrow();
    assertThat(any.presetMatched()).isFalse();
    assertThat(any.samples()).isEqualTo(500); // the dataset's sample count
    assertThat(any.estimate()).isEqualTo(Duration.ofSeconds(1800));
    assertThat(analytics.estimateDuration("beta", "humaneval", "balanced", 10))
        .isEmpty(); // no result
  }

  @Test
  void sessionExportRows() {
    List<SessionTaskRow> tasks = analytics.sessionTasks(corpus.s1);
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).metrics()).isEqualTo("pass_at_1,none=0.6");
    assertThat(tasks.get(0).durationSeconds()).isCloseTo(3600.0, EPS);
    List<PredictionRow> rows = new ArrayList<>();
    analytics.forEachSessionPrediction(corpus.s1, rows::add);
    assertThat(rows).hasSize(14);
    assertThat(rows.get(0).model()).isEqualTo("alpha");
    assertThat(rows.get(13).sampleId()).isEqualTo(13);
  }
}
