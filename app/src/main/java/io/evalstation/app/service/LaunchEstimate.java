package io.evalstation.app.service;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a launch grid should cost, from the history of completed runs: the Launch view and {@code
 * submit --dry-run} describe the same figures ({@link LaunchService#estimate}).
 *
 * @param tasks tasks in the grid
 * @param known tasks of the grid with history; the others are left out of the figures
 * @param longest the longest expected task: the grid's time if all run at once
 * @param gpuHours expected run time × the preset's GPUs per task, summed over the known tasks
 */
public record LaunchEstimate(int tasks, int known, Duration longest, double gpuHours) {

  /** The figures of {@code tasks} tasks from the expected run times of the known ones. */
  static LaunchEstimate of(int tasks, List<Duration> expected, int gpusPerTask) {
    Duration total = Duration.ZERO;
    Duration longest = Duration.ZERO;
    for (Duration d : expected) {
      total = total.plus(d);
      longest = longest.compareTo(d) < 0 ? d : longest;
    }
    return new LaunchEstimate(
        tasks, expected.size(), longest, total.multipliedBy(gpusPerTask).toSeconds() / 3600.0);
  }

  /**
   * The one line both show, with durations written by {@code duration}: "about 12 min 34 s if all
   * run at once · 3.2 GPU-hours (history for 3 of 4 tasks)"; empty for an empty grid.
   */
  public String describe(Function<Duration, String> duration) {
    if (tasks == 0) {
      return "";
    }
    if (known == 0) {
      return "no history for these models and datasets";
    }
    return String.format(
        Locale.ROOT,
        "about %s if all run at once · %.1f GPU-hours%s",
        duration.apply(longest),
        gpuHours,
        known < tasks ? " (history for " + known + " of " + tasks + " tasks)" : "");
  }
}
