package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.SessionStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalstation wait SESSION}: block until the session is finished. */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = {
      "Wait until the session is finished (monitoring its cluster meanwhile).",
      "Exit 0 when it completed, 1 when it failed or was cancelled, 75 on --timeout."
    })
public final class WaitCommand extends DatabaseCommand {

  @Parameters(paramLabel = "SESSION", description = "Session key or id.")
  String session;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Give up after this long: 90s, 30m, 2h or ISO-8601 (PT30M). Default: never.")
  String timeout;

  private Duration limit;

  @Override
  void checkOptions() {
    limit = timeout == null ? null : parseDuration(timeout);
  }

  @Override
  int run(AppContext ctx, PrintWriter out) throws InterruptedException {
    askOnTerminal(ctx);
    EvaluationSession s = TaskTargets.session(ctx.sessions(), session);
    EvaluationSession end = new SessionFollower(ctx, s).follow(limit, t -> {});
    if (end == null) {
      out.printf("session %s is not finished after %s%n", s.key(), timeout);
      out.flush();
      return ExitCodes.TIMEOUT;
    }
    out.println(SessionReport.header(end, ctx.tasks().tasksOf(s.id())));
    out.flush();
    return exitCodeOf(end);
  }

  static int exitCodeOf(EvaluationSession s) {
    return s.status() == SessionStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException(t);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--timeout '" + text + "' is not a duration like 90s, 30m, 2h or PT30M", e);
    }
  }
}
