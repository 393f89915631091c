package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code evalstation cancel SESSION|SESSION/INDEX|task:ID}. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a whole session or one task (scancel), and record it.",
      "A task is SESSION/INDEX (its index as `status` lists it) or task:ID (its database id)."
    })
public final class CancelCommand extends DatabaseCommand {

  @Parameters(paramLabel = "SESSION|SESSION/INDEX|task:ID", description = "What to cancel.")
  String target;

  @Override
  int run(AppContext ctx, PrintWriter out) {
    String who = System.getProperty("user.name", "unknown");
    askOnTerminal(ctx);
    Optional<EvaluationTask> task = TaskTargets.task(ctx.sessions(), ctx.tasks(), target);
    if (task.isPresent()) {
      EvaluationTask t = ctx.controlService().cancelTask(task.get().id(), who);
      out.printf(
          "task %d (%s on %s): %s%n", t.index(), t.model(), t.dataset(), t.status().dbValue());
    } else {
      EvaluationSession s = TaskTargets.session(ctx.sessions(), target);
      EvaluationSession after = ctx.controlService().cancelSession(s.id(), who);
      out.printf("session %s: %s%n", after.key(), after.status().dbValue());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
