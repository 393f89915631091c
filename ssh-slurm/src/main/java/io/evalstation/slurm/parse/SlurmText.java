package io.evalstation.slurm.parse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field syntax shared by SLURM's text outputs: durations, timestamps, TRES lists. Evalstation runs
 * every SLURM command with {@code TZ=UTC SLURM_TIME_FORMAT=standard}, so timestamps are UTC.
 */
public final class SlurmText {
  private SlurmText() {}

  /** True for SLURM's ways of saying "no value". */
  public static boolean isEmpty(String value) {
    if (value == null) {
      return true;
    }
    String v = value.trim();
    return v.isEmpty()
        || v.equals("N/A")
        || v.equals("Unknown")
        || v.equals("None")
        || v.equals("(null)")
        || v.equals("None assigned")
        || v.equals("n/a");
  }

  /**
   * Parses {@code [D-]HH:MM:SS}, {@code MM:SS}, {@code M:SS.mmm} or {@code INVALID}/{@code N/A}
   * (null). Names the bad value otherwise.
   */
  public static Duration duration(String text) {
    if (isEmpty(text) || text.trim().equals("INVALID") || text.trim().equals("UNLIMITED")) {
      return null;
    }
    String t = text.trim();
    try {
      long days = 0;
      int dash = t.indexOf('-');
      if (dash > 0) {
        days = Long.parseLong(t.substring(0, dash));
        t = t.substring(dash + 1);
      }
      String[] parts = t.split(":");
      double seconds;
      long hours = 0;
      long minutes;
      if (parts.length == 3) {
        hours = Long.parseLong(parts[0]);
        minutes = Long.parseLong(parts[1]);
        seconds = Double.parseDouble(parts[2]);
      } else if (parts.length == 2) {
        minutes = Long.parseLong(parts[0]);
        seconds = Double.parseDouble(parts[1]);
      } else if (parts.length == 1 && dash > 0) {
        hours = Long.parseLong(parts[0]);
        minutes = 0;
        seconds = 0;
      } else {
        throw new NumberFormatException("wrong number of ':' parts");
      }
      return Duration.ofDays(days)
          .plusHours(hours)
          .plusMinutes(minutes)
          .plusMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "duration '" + text + "' is not [days-]hours:minutes:seconds", e);
    }
  }

  /** Parses {@code 2024-05-01T12:00:00} (UTC, see class comment); null for N/A, Unknown, None. */
  public static Instant timestamp(String text) {
    if (isEmpty(text)) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp '" + text + "' is not YYYY-MM-DDTHH:MM:SS", e);
    }
  }

  /** Parses {@code cpu=2,mem=8G,gres/gpu=1,gres/gpu:h100=1} into an ordered map. */
  public static Map<String, String> tres(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (isEmpty(text)) {
      return out;
    }
    for (String part : text.trim().split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return out;
  }

  /** Parses a job id column ({@code 123}, {@code 123;cluster}); null for array/het step ids. */
  public static Long jobId(String text) {
    String t = text.trim();
    int semi = t.indexOf(';');
    if (semi > 0) {
      t = t.substring(0, semi);
    }
    if (!t.chars().allMatch(Character::isDigit) || t.isEmpty()) {
      return null;
    }
    return Long.parseLong(t);
  }

  /**
   * Splits one {@code |}-separated output line into {@code count} fields (the last keeps any
   * further separators), or throws naming the command, the line and the format expected.
   */
  static String[] fields(String command, int lineNumber, String line, int count, String format) {
    String[] f = line.split("\\|", count);
    if (f.length < count) {
      throw new IllegalArgumentException(
          command
              + " line "
              + lineNumber
              + " has "
              + f.length
              + " fields, expected "
              + count
              + " ("
              + format
              + "): "
              + line);
    }
    return f;
  }
}
