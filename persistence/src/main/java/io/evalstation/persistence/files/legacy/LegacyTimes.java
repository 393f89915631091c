package io.evalstation.persistence.files.legacy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;

/**
 * Legacy times: {@code 2025-09-19T04:22:41} (zone-less, as the cluster pipeline wrote them), {@code
 * …Z}, {@code …+02:00}, {@code 2025-09-19 04:22:41.123456}, or unix seconds. Read as a {@link
 * LocalDateTime}, an {@link OffsetDateTime} or an {@link Instant}, and written the same way, so
 * that a time keeps its form; zone-less times are in the cluster's zone, which only the importer
 * knows ({@link #inZone}).
 */
public final class LegacyTimes {
  private LegacyTimes() {}

  /**
   * Parses a time; null for null/blank; throws {@link IllegalArgumentException} naming it.
   *
   * @return a {@link LocalDateTime} (no zone given), an {@link OffsetDateTime} or an {@link
   *     Instant} (unix seconds)
   */
  public static Temporal parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.trim();
    if (s.matches("-?\\d+(\\.\\d+)?")) {
      double secs = Double.parseDouble(s);
      long whole = (long) Math.floor(secs);
      return Instant.ofEpochSecond(whole, Math.round((secs - whole) * 1e9));
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
      return LocalDateTime.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time (expected ISO 8601 like 2025-09-19T04:22:41[+02:00])", e);
    }
  }

  /** A time as an instant with an offset; a zone-less one is taken to be in {@code zone}. */
  public static OffsetDateTime inZone(Temporal t, ZoneId zone) {
    if (t == null) {
      return null;
    }
    if (t instanceof OffsetDateTime o) {
      return o;
    }
    if (t instanceof LocalDateTime l) {
      return l.atZone(zone).toOffsetDateTime();
    }
    if (t instanceof ZonedDateTime z) {
      return z.toOffsetDateTime();
    }
    if (t instanceof Instant i) {
      return i.atZone(zone).toOffsetDateTime();
    }
    throw new IllegalArgumentException(
        "a time must be a LocalDateTime, OffsetDateTime, ZonedDateTime or Instant, not "
            + t.getClass().getName());
  }

  /**
   * The text a time is written as: a {@link LocalDateTime} zone-less (as the cluster pipeline wrote
   * them), an {@link OffsetDateTime}/{@link ZonedDateTime} with its offset, an {@link Instant} in
   * UTC.
   */
  public static String format(Temporal t) {
    if (t instanceof LocalDateTime l) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(l);
    }
    if (t instanceof OffsetDateTime o) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(o);
    }
    if (t instanceof ZonedDateTime z) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z);
    }
    if (t instanceof Instant i) {
      return DateTimeFormatter.ISO_INSTANT.format(i);
    }
    throw new IllegalArgumentException(
        "a time must be a LocalDateTime, OffsetDateTime, ZonedDateTime or Instant, not "
            + t.getClass().getName());
  }
}
