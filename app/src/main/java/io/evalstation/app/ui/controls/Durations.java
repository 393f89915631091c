package io.evalstation.app.ui.controls;

import java.time.Duration;

/**
 * How the views write durations and ETAs: "45 s", "12 min", "3 h 05 min", "2 d 4 h" (the ETAs
 * themselves come from {@link io.evalstation.model.EtaPolicy}).
 */
public final class Durations {
  private Durations() {}

  /** A short human duration; null or negative gives "–". */
  public static String format(Duration d) {
    if (d == null || d.isNegative()) {
      return "–";
    }
    long s = d.getSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + String.format("%02d s", s % 60);
    }
    if (s < 86_400) {
      return (s / 3600) + " h " + String.format("%02d min", (s % 3600) / 60);
    }
    return (s / 86_400) + " d " + ((s % 86_400) / 3600) + " h";
  }
}
