package io.evalstation.persistence.analytics;

import java.util.Locale;

/** Width of a trend bucket; buckets start at UTC boundaries (weeks on Mondays). */
public enum TimeBucket {
  HOUR("hour"),
  DAY("day"),
  WEEK("week");

  private final String sqlUnit;

  TimeBucket(String sqlUnit) {
    this.sqlUnit = sqlUnit;
  }

  /** The unit PostgreSQL's {@code date_trunc} takes. */
  public String sqlUnit() {
    return sqlUnit;
  }

  /** Parses {@code hour}, {@code day}, {@code week} (also {@code hourly}, {@code daily}, …). */
  public static TimeBucket parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "hour", "hourly" -> HOUR;
      case "day", "daily" -> DAY;
      case "week", "weekly" -> WEEK;
      default ->
          throw new IllegalArgumentException("bucket '" + text + "' is not one of hour, day, week");
    };
  }
}
