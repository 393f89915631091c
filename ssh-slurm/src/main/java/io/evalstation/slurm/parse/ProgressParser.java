package io.evalstation.slurm.parse;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads progress from two sources: the progress file the job templates keep (lines {@code
 * 2024-05-01T12:00:00Z state=evaluating}, {@code ... state=finished exit=3}) and the tqdm progress
 * bars that lm-evaluation-harness prints into the job log ({@code Running generate_until requests:
 * 40%|████ | 40/100 [00:04<00:06, 9.80it/s]}, separated by carriage returns or newlines).
 */
public final class ProgressParser {
  private static final Pattern BAR =
      Pattern.compile(
          "(\\d+)%\\|[^|]*\\|\\s*(\\d+)/(\\d+)\\s*\\[([0-9:]+)(?:<([0-9:?]+))?(?:,\\s*([0-9.]+|\\?)\\s*(it/s|s/it))?");
  private static final Pattern STATE = Pattern.compile("\\bstate=(\\S+)");
  private static final Pattern EXIT = Pattern.compile("\\bexit=(-?\\d+)");

  private ProgressParser() {}

  /** Combines the progress file's last phase with the last progress bar of the log text. */
  public static Progress parse(String progressFile, String logText) {
    String phase = null;
    Integer exit = null;
    if (progressFile != null) {
      for (String line : progressFile.split("\n")) {
        Matcher s = STATE.matcher(line);
        if (s.find()) {
          phase = s.group(1);
          Matcher e = EXIT.matcher(line);
          exit = e.find() ? Integer.valueOf(e.group(1)) : null;
        }
      }
    }
    Long done = null;
    Long total = null;
    Double rate = null;
    Duration remaining = null;
    if (logText != null) {
      Matcher m = BAR.matcher(logText);
      while (m.find()) {
        done = Long.parseLong(m.group(2));
        total = Long.parseLong(m.group(3));
        remaining = clock(m.group(5));
        rate = null;
        if (m.group(6) != null && !m.group(6).equals("?")) {
          double r = Double.parseDouble(m.group(6));
          rate = "s/it".equals(m.group(7)) ? (r > 0 ? 1.0 / r : null) : r;
        }
      }
    }
    return new Progress(phase, done, total, rate, remaining, exit);
  }

  private static Duration clock(String text) {
    if (text == null || text.contains("?")) {
      return null;
    }
    String[] p = text.split(":");
    long s = 0;
    for (String part : p) {
      s = s * 60 + Long.parseLong(part);
    }
    return Duration.ofSeconds(s);
  }
}
