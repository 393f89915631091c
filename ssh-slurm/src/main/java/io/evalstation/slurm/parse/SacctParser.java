package io.evalstation.slurm.parse;

import io.evalstation.model.JobState;
import io.evalstation.slurm.JobInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code sacct -X -n -P -o JobID,State,ExitCode,Elapsed,Start,End,NodeList,AllocTRES,
 * Reason,JobName} (text, not {@code --json}: on 22.05 the JSON exit code is wrong). The job name
 * comes last so that a {@code |} in it cannot shift the other columns.
 */
public final class SacctParser {
  /** The {@code -o} fields this parser reads. */
  public static final String FIELDS =
      "JobID,State,ExitCode,Elapsed,Start,End,NodeList,AllocTRES,Reason,JobName";

  private SacctParser() {}

  /** One {@link JobInfo} per allocation line; step lines ({@code 12.batch}) are skipped. */
  public static List<JobInfo> parse(String text) {
    List<JobInfo> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = SlurmText.fields("sacct", i + 1, line, 10, FIELDS);
      Long id = SlurmText.jobId(f[0]);
      if (id == null) {
        continue;
      }
      try {
        Integer exit = null;
        Integer signal = null;
        if (!SlurmText.isEmpty(f[2])) {
          String[] es = f[2].trim().split(":");
          exit = Integer.parseInt(es[0]);
          signal = es.length > 1 ? Integer.parseInt(es[1]) : 0;
        }
        out.add(
            new JobInfo(
                id,
                f[9],
                JobState.parse(f[1]),
                f[1],
                exit,
                signal,
                SlurmText.duration(f[3]),
                SlurmText.timestamp(f[4]),
                SlurmText.timestamp(f[5]),
                SlurmText.isEmpty(f[6]) ? null : f[6],
                SlurmText.isEmpty(f[8]) ? null : f[8],
                SlurmText.isEmpty(f[7]) ? null : f[7],
                JobInfo.Source.SACCT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "sacct line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return out;
  }
}
