package io.evalstation.persistence.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  /**
   * The exact two-sided binomial p-value, independently: BigInteger binomials summed exactly, then
   * one division (what scipy.stats.binomtest(min(b,c), b+c, 0.5) returns for p = ½).
   */
  private static double referenceMcNemar(int b, int c) {
    int n = b + c;
    int k = Math.min(b, c);
    BigInteger sum = BigInteger.ZERO;
    BigInteger binom = BigInteger.ONE;
    for (int j = 0; j <= k; j++) {
      sum = sum.add(binom);
      binom = binom.multiply(BigInteger.valueOf(n - j)).divide(BigInteger.valueOf(j + 1));
    }
    BigDecimal p =
        new BigDecimal(sum.shiftLeft(1))
            .divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL128);
    return Math.min(1.0, p.doubleValue());
  }

  @Test
  void mcnemarExactMatchesPublishedValues() {
    // scipy.stats.binomtest(1, 10).pvalue == 0.021484375; binomtest(0, 5).pvalue == 0.0625
    assertThat(Statistics.mcnemarExactP(1, 9)).isCloseTo(0.021484375, within(1e-15));
    assertThat(Statistics.mcnemarExactP(9, 1)).isCloseTo(0.021484375, within(1e-15));
    assertThat(Statistics.mcnemarExactP(0, 5)).isCloseTo(0.0625, within(1e-15));
    assertThat(Statistics.mcnemarExactP(3, 3)).isEqualTo(1.0);
    assertThat(Statistics.mcnemarExactP(0, 0)).isEqualTo(1.0);
    assertThat(Statistics.mcnemarExactP(0, 1)).isEqualTo(1.0);
    assertThatThrownBy(() -> Statistics.mcnemarExactP(-1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mcnemarExactMatchesBigIntegerReferenceForLargeCounts() {
    int[][] cases = {{10, 25}, {37, 61}, {400, 500}, {4000, 4200}, {8_000, 8_300}, {1, 2000}};
    for (int[] bc : cases) {
      double ref = referenceMcNemar(bc[0], bc[1]);
      double got = Statistics.mcnemarExactP(bc[0], bc[1]);
      if (ref < Double.MIN_NORMAL) {
        assertThat(got).as("b=%d c=%d", bc[0], bc[1]).isLessThan(1e-300);
      } else {
        assertThat(got).as("b=%d c=%d", bc[0], bc[1]).isCloseTo(ref, within(ref * 1e-9));
      }
    }
  }

  @Test
  void studentTCriticalValues() {
    // Published two-sided 95% critical values.
    assertThat(Statistics.tCritical(1, 0.95)).isCloseTo(12.7062047362, within(1e-8));
    assertThat(Statistics.tCritical(2, 0.95)).isCloseTo(4.30265272975, within(1e-8));
    assertThat(Statistics.tCritical(4, 0.95)).isCloseTo(2.77644510520, within(1e-8));
    assertThat(Statistics.tCritical(10, 0.95)).isCloseTo(2.22813885196, within(1e-8));
    assertThat(Statistics.tCritical(30, 0.95)).isCloseTo(2.04227245630, within(1e-8));
    assertThat(Statistics.tCritical(1000, 0.95)).isCloseTo(1.96233908082, within(1e-8));
    assertThat(Statistics.tCritical(5, 0.99)).isCloseTo(4.03214298356, within(1e-8));
  }

  @Test
  void bootstrapIsReproducibleAndContainsTheEstimate() {
    ConfidenceInterval a = Statistics.pairedBootstrap(12, 1, 9, 2000, 42L, 0.95);
    ConfidenceInterval b = Statistics.pairedBootstrap(12, 1, 9, 2000, 42L, 0.95);
    ConfidenceInterval other = Statistics.pairedBootstrap(12, 1, 9, 2000, 43L, 0.95);
    assertThat(a).isEqualTo(b);
    assertThat(a.contains(8.0 / 12)).isTrue();
    assertThat(a.low()).isGreaterThan(0.0); // 9 fixed vs 1 regressed: clearly positive
    assertThat(other).isNotNull();

    // 100,000 pairs: the interval's half width matches the analytic standard error of the
    // paired difference, sqrt((b + c)/n² − (c − b)²/n³), times 1.96, within 10%.
    int n = 100_000;
    int regressed = 5_000;
    int fixed = 6_000;
    ConfidenceInterval big =
        Statistics.pairedBootstrap(n, regressed, fixed, 2000, Statistics.DEFAULT_SEED, 0.95);
    double diff = (double) (fixed - regressed) / n;
    double se =
        Math.sqrt(
            (double) (regressed + fixed) / n / n - Math.pow(fixed - regressed, 2) / n / n / n);
    assertThat(big.contains(diff)).isTrue();
    assertThat((big.high() - big.low()) / 2).isCloseTo(1.96 * se, within(0.1 * 1.96 * se));
    assertThat((big.high() + big.low()) / 2).isCloseTo(diff, within(0.2 * se));

    // no discordant pairs: the difference is exactly 0 in every replicate
    ConfidenceInterval none = Statistics.pairedBootstrap(50, 0, 0, 500, 1L, 0.95);
    assertThat(none.low()).isZero();
    assertThat(none.high()).isZero();
    assertThatThrownBy(() -> Statistics.pairedBootstrap(5, 3, 3, 500, 1L, 0.95))
        .hasMessageContaining("do not fit");
  }

  @Test
  void binomialSamplerMatchesTheExactDistribution() {
    // Bin(5, 1/2): 1, 5, 10, 10, 5, 1 out of 32
    SplittableRandom rng = new SplittableRandom(11);
    Statistics.BinomialSampler s = new Statistics.BinomialSampler(0.5);
    int draws = 320_000;
    int[] counts = new int[6];
    for (int i = 0; i < draws; i++) {
      counts[s.sample(rng, 5)]++;
    }
    int[] expected = {1, 5, 10, 10, 5, 1};
    for (int k = 0; k <= 5; k++) {
      double e = draws * expected[k] / 32.0;
      assertThat((double) counts[k]).as("k=%d", k).isCloseTo(e, within(5 * Math.sqrt(e)));
    }
    assertThat(new Statistics.BinomialSampler(0.0).sample(rng, 10)).isZero();
    assertThat(new Statistics.BinomialSampler(1.0).sample(rng, 10)).isEqualTo(10);
  }

  @Test
  void binomialSamplerHasTheRightMoments() {
    SplittableRandom rng = new SplittableRandom(7);
    for (double p : new double[] {0.01, 0.3, 0.5, 0.8}) {
      int n = 1000;
      int draws = 20_000;
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < draws; i++) {
        int x = Statistics.binomial(rng, n, p);
        assertThat(x).isBetween(0, n);
        sum += x;
        sumSq += (double) x * x;
      }
      double mean = sum / draws;
      double var = sumSq / draws - mean * mean;
      double sdMean = Math.sqrt(n * p * (1 - p) / draws);
      assertThat(mean).as("mean p=%s", p).isCloseTo(n * p, within(5 * sdMean));
      assertThat(var)
          .as("variance p=%s", p)
          .isCloseTo(n * p * (1 - p), within(0.05 * n * p * (1 - p)));
    }
  }
}
