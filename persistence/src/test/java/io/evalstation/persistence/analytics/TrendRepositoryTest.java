package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Trends per hour, day and week. Every figure against values computed by hand from {@link Corpus}.
 */
class TrendRepositoryTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final MetricSelector PASS = MetricSelector.parse("pass@1");

  @RegisterExtension static final CorpusDatabase corpus = new CorpusDatabase();

  private TrendRepository repo() {
    return corpus.analytics().trends();
  }

  @Test
  void dailyTrends() {
    List<TrendBucket> t = repo().trends(TimeBucket.DAY, ResultFilter.all(), PASS);
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

    List<TrendBucket> weekly = repo().trends(TimeBucket.WEEK, ResultFilter.all(), null);
    // 2025-09-01 is a Monday: one week
    assertThat(weekly).hasSize(1);
    assertThat(weekly.get(0).tasks()).isEqualTo(15);
    assertThat(weekly.get(0).sessions()).isEqualTo(4);
    assertThat(weekly.get(0).meanMetric()).isNull();
    List<TrendBucket> hourly = repo().trends(TimeBucket.HOUR, ResultFilter.all(), null);
    assertThat(hourly.get(0).bucketStart()).isEqualTo(Instant.parse("2025-09-01T08:00:00Z"));
  }
}
