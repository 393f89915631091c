package io.evalstation.app.ui.registry;

import java.util.Locale;

/** Parameter counts as researchers write them: "7B", "1.5B", "350M", or a plain number. */
final class ParameterCounts {
  private ParameterCounts() {}

  static String format(long n) {
    if (n >= 1_000_000_000L) {
      return trim(n / 1e9) + "B";
    }
    if (n >= 1_000_000L) {
      return trim(n / 1e6) + "M";
    }
    return Long.toString(n);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** Parses "7B", "1.5b", "350M", "7000000000"; blank is null; else says what was expected. */
  static Long parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim().toUpperCase(Locale.ROOT).replace(",", "").replace("_", "");
    double scale = 1;
    if (t.endsWith("B")) {
      scale = 1e9;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("M")) {
      scale = 1e6;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Math.round(Double.parseDouble(t) * scale);
      if (n <= 0) {
        throw new IllegalArgumentException("parameter count '" + text + "' is not positive");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter count '" + text + "' is not a number like 7B, 1.5B or 350M");
    }
  }
}
