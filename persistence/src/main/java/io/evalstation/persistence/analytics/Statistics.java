package io.evalstation.persistence.analytics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The statistics behind comparisons: McNemar's exact test, a paired bootstrap of an accuracy
 * difference, and Student t quantiles for confidence intervals. Pure functions.
 */
public final class Statistics {
  /** Seed of the paired bootstrap when none is given: comparisons are reproducible. */
  public static final long DEFAULT_SEED = 20_250_919L;

  /** Replicates of the paired bootstrap when none is given. */
  public static final int DEFAULT_REPLICATES = 10_000;

  /** The confidence level of every interval the analytics report. */
  public static final double LEVEL = 0.95;

  private Statistics() {}

  /**
   * McNemar's exact test: the two-sided binomial test of {@code b} against {@code b + c} trials
   * with p = ½, i.e. {@code min(1, 2 · Σ_{k ≤ min(b,c)} C(b+c, k) / 2^(b+c))}. Summed in log space
   * so that it stays exact for large counts (no overflow of the binomials, no underflow of 2^-n).
   *
   * @param b discordant pairs one way (e.g. regressed)
   * @param c discordant pairs the other way (e.g. fixed)
   * @return the p-value; 1 when there are no discordant pairs
   */
  public static double mcnemarExactP(int b, int c) {
    if (b < 0 || c < 0) {
      throw new IllegalArgumentException("discordant counts " + b + ", " + c + " are negative");
    }
    int n = b + c;
    if (n == 0) {
      return 1.0;
    }
    int k = Math.min(b, c);
    double ln2n = n * Math.log(2.0);
    // log C(n, j) by the recurrence C(n, j+1) = C(n, j) (n - j) / (j + 1); log-sum-exp on the fly.
    double logC = 0.0;
    double maxLog = 0.0; // terms grow with j for j <= n/2, so the last term is the largest
    double[] logs = new double[k + 1];
    for (int j = 0; j <= k; j++) {
      logs[j] = logC;
      maxLog = Math.max(maxLog, logC);
      logC += Math.log(n - j) - Math.log(j + 1.0);
    }
    double sum = 0.0;
    for (double l : logs) {
      sum += Math.exp(l - maxLog);
    }
    double logTail = maxLog + Math.log(sum) - ln2n;
    return Math.min(1.0, Math.exp(Math.log(2.0) + logTail));
  }

  /**
   * Paired bootstrap percentile interval of the accuracy difference (B − A) from the four cells of
   * the paired table. Resampling n pairs with replacement is a multinomial draw over the four
   * cells; only the discordant cells change the difference, so each replicate draws D* ~ Bin(n,
   * (b+c)/n) discordant pairs, of which c* ~ Bin(D*, c/(b+c)) are "fixed": diff* = (c* − (D* − c*))
   * / n. This is exactly the array bootstrap; binomials are drawn by inversion of their tabulated
   * distribution (see {@link BinomialSampler}), so a replicate costs two binary searches whatever n
   * is.
   *
   * @param n counted pairs (both correctness values known)
   * @param regressed right in A, wrong in B
   * @param fixed wrong in A, right in B
   * @param replicates number of resamples (at least 100)
   * @param seed random seed
   * @param level confidence level, e.g. 0.95
   */
  public static ConfidenceInterval pairedBootstrap(
      int n, int regressed, int fixed, int replicates, long seed, double level) {
    if (n <= 0) {
      throw new IllegalArgumentException("bootstrap needs at least one pair, got " + n);
    }
    if (regressed < 0 || fixed < 0 || regressed + fixed > n) {
      throw new IllegalArgumentException(
          "discordant counts " + regressed + " + " + fixed + " do not fit in " + n + " pairs");
    }
    if (replicates < 100) {
      throw new IllegalArgumentException("bootstrap replicates " + replicates + " is below 100");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int discordant = regressed + fixed;
    BinomialSampler discordantDraw = new BinomialSampler((double) discordant / n);
    BinomialSampler fixedDraw =
        new BinomialSampler(discordant == 0 ? 0 : (double) fixed / discordant);
    double[] diffs = new double[replicates];
    for (int r = 0; r < replicates; r++) {
      int d = discordantDraw.sample(rng, n);
      int f = fixedDraw.sample(rng, d);
      diffs[r] = (double) (f - (d - f)) / n;
    }
    Arrays.sort(diffs);
    double alpha = (1 - level) / 2;
    return new ConfidenceInterval(level, quantile(diffs, alpha), quantile(diffs, 1 - alpha));
  }

  /** One Binomial(n, p) draw (tabulates the distribution for this call). */
  static int binomial(SplittableRandom rng, int n, double p) {
    return new BinomialSampler(p).sample(rng, n);
  }

  /**
   * Binomial(n, p) draws for a fixed p by inversion: the distribution of each n is tabulated once
   * (weights from the mode outwards by the exact ratio pmf(k+1)/pmf(k) = (n−k)/(k+1)·p/(1−p),
   * stopped where they fall below 1e-18 of the mode's, then normalised), and a draw is one uniform
   * and a binary search. The cut-off tails hold less than 1e-15 of the probability.
   */
  static final class BinomialSampler {
    private final double p;
    private final java.util.Map<Integer, double[]> cdfs = new java.util.HashMap<>();
    private final java.util.Map<Integer, Integer> lows = new java.util.HashMap<>();

    BinomialSampler(double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("binomial probability " + p + " is not in [0, 1]");
      }
      this.p = p;
    }

    int sample(SplittableRandom rng, int n) {
      if (n == 0 || p == 0) {
        return 0;
      }
      if (p == 1) {
        return n;
      }
      double[] cdf = cdfs.get(n);
      if (cdf == null) {
        tabulate(n);
        cdf = cdfs.get(n);
      }
      double u = rng.nextDouble();
      int i = Arrays.binarySearch(cdf, u);
      // first index whose cumulative probability exceeds u
      i = i >= 0 ? i + 1 : -i - 1;
      return lows.get(n) + Math.min(i, cdf.length - 1);
    }

    private void tabulate(int n) {
      final double cut = 1e-18;
      double r = p / (1 - p);
      int mode = (int) Math.min(n, Math.floor((n + 1) * p));
      double[] up = new double[16];
      int nu = 0;
      double w = 1;
      for (int k = mode; k < n; k++) {
        w *= (double) (n - k) / (k + 1) * r;
        if (w < cut) {
          break;
        }
        if (nu == up.length) {
          up = Arrays.copyOf(up, nu * 2);
        }
        up[nu++] = w;
      }
      double[] down = new double[16];
      int nd = 0;
      w = 1;
      for (int k = mode; k > 0; k--) {
        w *= (double) k / ((n - k + 1) * r);
        if (w < cut) {
          break;
        }
        if (nd == down.length) {
          down = Arrays.copyOf(down, nd * 2);
        }
        down[nd++] = w;
      }
      double[] cdf = new double[nd + 1 + nu];
      int j = 0;
      for (int i = nd - 1; i >= 0; i--) {
        cdf[j++] = down[i];
      }
      cdf[j++] = 1;
      for (int i = 0; i < nu; i++) {
        cdf[j++] = up[i];
      }
      double total = 0;
      for (double x : cdf) {
        total += x;
      }
      double acc = 0;
      for (int i = 0; i < cdf.length; i++) {
        acc += cdf[i];
        cdf[i] = acc / total;
      }
      cdf[cdf.length - 1] = 1.0;
      cdfs.put(n, cdf);
      lows.put(n, mode - nd);
    }
  }

  /** Linear-interpolation quantile (type 7) of sorted values. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The two-sided Student t critical value: the {@code 1 − (1 − level)/2} quantile with {@code df}
   * degrees of freedom (12.706 for df=1, 2.776 for df=4 at 95%).
   */
  public static double tCritical(int df, double level) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom " + df + " is below 1");
    }
    double target = 1 - (1 - level) / 2;
    double lo = 0;
    double hi = 1;
    while (studentTCdf(hi, df) < target) {
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      if (studentTCdf(mid, df) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** Student t cumulative distribution function. */
  public static double studentTCdf(double t, int df) {
    double x = df / (df + t * t);
    double tail = 0.5 * regularizedBeta(x, df / 2.0, 0.5);
    return t >= 0 ? 1 - tail : tail;
  }

  /** The regularized incomplete beta function I_x(a, b) (continued fraction, Lentz). */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double lnFront =
        logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(lnFront) * betaContinuedFraction(x, a, b) / a;
    }
    return 1 - Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a) / b;
  }

  private static double betaContinuedFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    if (Math.abs(d) < tiny) {
      d = tiny;
    }
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 500; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g=7, n=9; relative error below 1e-13). */
  static double logGamma(double x) {
    final double[] g = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
