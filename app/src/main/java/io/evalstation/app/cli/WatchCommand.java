package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code evalstation watch SESSION}: live lines until the session is finished. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Print a line whenever a task of the session changes, until the session is finished.",
      "Ctrl-C stops watching; the jobs keep running."
    })
public final class WatchCommand extends DatabaseCommand {

  @Parameters(paramLabel = "SESSION", description = "Session key or id.")
  String session;

  @Override
  int run(AppContext ctx, PrintWriter out) throws InterruptedException {
    Thread hook =
        new Thread(
            () -> {
              out.println("stopped watching; the jobs keep running");
              out.flush();
              ctx.close();
            },
            "watch-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      askOnTerminal(ctx);
      EvaluationSession s = TaskTargets.session(ctx.sessions(), session);
      out.println(SessionReport.header(s, ctx.tasks().tasksOf(s.id())));
      out.flush();
      EvaluationSession end =
          new SessionFollower(ctx, s)
              .follow(
                  null,
                  (EvaluationTask t) -> {
                    out.printf(
                        "%s %s%n",
                        Instant.now().toString().substring(11, 19),
                        SessionReport.line(t, ctx.tasks(), Instant.now()).strip());
                    out.flush();
                  });
      out.println(SessionReport.header(end, ctx.tasks().tasksOf(s.id())));
      out.flush();
      return WaitCommand.exitCodeOf(end);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting (Ctrl-C): the hook closes the context.
      }
    }
  }
}
