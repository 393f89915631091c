package io.evalstation.slurm.parse;

import java.time.Duration;

/**
 * How far a job is, from its progress file and the harness's progress bar.
 *
 * @param phase the template's last phase ({@code started}, {@code evaluating}, {@code finished}),
 *     null when the progress file is empty
 * @param done requests done per the last progress bar, null when none seen
 * @param total requests in all per the last progress bar, null when none seen
 * @param rate requests per second per the progress bar, null when unknown
 * @param remaining the bar's own estimate of the time left, null when unknown
 * @param exitCode the harness's exit code once the template recorded it, else null
 */
public record Progress(
    String phase, Long done, Long total, Double rate, Duration remaining, Integer exitCode) {

  /** Nothing known yet. */
  public static final Progress NONE = new Progress(null, null, null, null, null, null);

  /** Fraction done 0..1, null when unknown. */
  public Double fraction() {
    if (done == null || total == null || total <= 0) {
      return null;
    }
    return Math.min(1.0, (double) done / total);
  }
}
