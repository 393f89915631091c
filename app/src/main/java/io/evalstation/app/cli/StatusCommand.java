package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evalstation status SESSION}: a session and its tasks as the database has them. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "A session's status and its tasks (job, node, progress, ETA, failure cause).")
public final class StatusCommand implements Runnable {
  @Mixin DatabaseOptions db;

  @Parameters(paramLabel = "SESSION", description = "Session key or id.")
  String session;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      EvaluationSession s = TaskTargets.session(ctx.sessions(), session);
      List<EvaluationTask> tasks = ctx.tasks().tasksOf(s.id());
      PrintWriter out = spec.commandLine().getOut();
      Instant now = Instant.now();
      if (json) {
        Json.print(out, SessionReport.json(s, tasks, ctx.tasks(), now));
        return;
      }
      out.println(SessionReport.header(s, tasks));
      for (EvaluationTask t : tasks) {
        out.println(SessionReport.line(t, ctx.tasks(), now));
      }
      out.flush();
    }
  }
}
