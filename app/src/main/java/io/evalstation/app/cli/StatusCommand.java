package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalstation status SESSION}: a session and its tasks as the database has them. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "A session's status and its tasks (job, node, progress, ETA, failure cause).")
public final class StatusCommand extends DatabaseCommand {

  @Parameters(paramLabel = "SESSION", description = "Session key or id.")
  String session;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  int run(AppContext ctx, PrintWriter out) {
    EvaluationSession s = TaskTargets.session(ctx.sessions(), session);
    List<EvaluationTask> tasks = ctx.tasks().tasksOf(s.id());
    Instant now = Instant.now();
    if (json) {
      Json.print(out, SessionReport.json(s, tasks, ctx.tasks(), now));
      return ExitCodes.OK;
    }
    out.println(SessionReport.header(s, tasks));
    for (EvaluationTask t : tasks) {
      out.println(SessionReport.line(t, ctx.tasks(), now));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
