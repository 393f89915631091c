package io.evalstation.slurm.parse;

import io.evalstation.model.JobState;
import io.evalstation.slurm.JobInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code squeue -h -o '%i|%T|%M|%N|%r|%b|%S|%j'} (the name last, so that a {@code |} in a
 * job name cannot shift the other columns). Tolerates the 22.05 to 24.x shapes: {@code %b} is
 * {@code gres:gpu:h100:1} on 22.05 and {@code gres/gpu:h100:1} on 23.02+, both kept as given.
 */
public final class SqueueParser {
  /** The {@code -o} format this parser reads. */
  public static final String FORMAT = "%i|%T|%M|%N|%r|%b|%S|%j";

  private SqueueParser() {}

  /** One {@link JobInfo} per line; array-task and blank lines are skipped; bad lines named. */
  public static List<JobInfo> parse(String text) {
    List<JobInfo> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = SlurmText.fields("squeue", i + 1, line, 8, FORMAT);
      Long id = SlurmText.jobId(f[0]);
      if (id == null) {
        continue;
      }
      try {
        JobState state = JobState.parse(f[1]);
        out.add(
            new JobInfo(
                id,
                f[7],
                state,
                f[1],
                null,
                null,
                SlurmText.duration(f[2]),
                SlurmText.timestamp(f[6]),
                null,
                SlurmText.isEmpty(f[3]) ? null : f[3],
                SlurmText.isEmpty(f[4]) ? null : f[4],
                SlurmText.isEmpty(f[5]) ? null : f[5],
                JobInfo.Source.SQUEUE));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "squeue line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return out;
  }
}
