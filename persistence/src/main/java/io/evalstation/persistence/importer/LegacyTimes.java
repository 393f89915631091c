package io.evalstation.persistence.importer;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Legacy times: {@code 2025-09-19T04:22:41}, {@code …Z}, {@code …+02:00}, {@code 2025-09-19
 * 04:22:41.123456}, or unix seconds. Zone-less times are in the cluster's zone (a setting).
 */
final class LegacyTimes {
  private LegacyTimes() {}

  /** Parses a time; null for null/blank; throws {@link IllegalArgumentException} naming it. */
  static OffsetDateTime parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.trim();
    if (s.matches("-?\\d+(\\.\\d+)?")) {
      double secs = Double.parseDouble(s);
      long whole = (long) Math.floor(secs);
      Instant i = Instant.ofEpochSecond(whole, Math.round((secs - whole) * 1e9));
      return i.atZone(zone).toOffsetDateTime();
    }
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    s = s.replace(" ", "");
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      // no zone: below
    }
    try {
      return LocalDateTime.parse(s).atZone(zone).toOffsetDateTime();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time (expected ISO 8601 like 2025-09-19T04:22:41[+02:00])", e);
    }
  }
}
