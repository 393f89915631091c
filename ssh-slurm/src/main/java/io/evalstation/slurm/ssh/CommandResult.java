package io.evalstation.slurm.ssh;

/**
 * The outcome of one remote command.
 *
 * @param command the command as sent
 * @param exitCode its exit status (-1 when the server sent none)
 * @param stdout standard output, UTF-8
 * @param stderr standard error, UTF-8
 */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {

  /** True when the command exited 0. */
  public boolean ok() {
    return exitCode == 0;
  }

  /** Returns this result when it exited 0, else throws naming {@code what}, the code and stderr. */
  public CommandResult requireSuccess(String what) {
    if (exitCode != 0) {
      throw new ClusterException(
          what
              + " failed (exit "
              + exitCode
              + "): "
              + firstLines(stderr.isBlank() ? stdout : stderr));
    }
    return this;
  }

  private static String firstLines(String text) {
    String t = text.strip();
    return t.length() > 500 ? t.substring(0, 500) + "…" : t;
  }
}
