package io.evalstation.persistence.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text forms of report values shared by the terminal, CSV and LaTeX writers. */
public final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Formats() {}

  /** {@code x} rounded half-up to {@code decimals} places; "NaN" for NaN. */
  public static String decimal(double x, int decimals) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return Double.toString(x);
    }
    return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  /** A p-value: 4 significant digits, scientific below 0.0001. */
  public static String pValue(double p) {
    if (p < 1e-4) {
      return String.format(Locale.ROOT, "%.3e", p);
    }
    return String.format(Locale.ROOT, "%.4g", p);
  }

  /** Full-precision text for machine-readable output (CSV): no exponent, shortest round trip. */
  public static String exact(Number n) {
    if (n instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return d.toString();
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return n.toString();
  }

  /** A UTC time as {@code yyyy-MM-dd HH:mm:ss}. */
  public static String time(Instant t) {
    return TIME.format(t);
  }

  /** A value as the terminal shows it. */
  public static String display(Object v, ColumnKind kind) {
    if (v == null) {
      return "";
    }
    return switch (kind) {
      case DECIMAL -> v instanceof Number n ? decimal(n.doubleValue(), 4) : v.toString();
      case PERCENT ->
          v instanceof Number n ? decimal(n.doubleValue() * 100, 1) + "%" : v.toString();
      case TIMESTAMP -> v instanceof Instant i ? time(i) : v.toString();
      case MEAN_STDERR -> meanStderr((MeanStderr) v, 4, " ± ");
      default -> v.toString();
    };
  }

  /** "0.7000 ± 0.0300", or just the mean when the stderr is unknown. */
  public static String meanStderr(MeanStderr m, int decimals, String pm) {
    String s = decimal(m.mean(), decimals);
    return m.stderr() == null ? s : s + pm + decimal(m.stderr(), decimals);
  }
}
