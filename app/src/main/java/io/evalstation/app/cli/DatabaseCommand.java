package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A verb that works on the database: takes the database options, opens the context for the verb's
 * run and closes it afterwards, whatever happens.
 */
abstract class DatabaseCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    checkOptions();
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      return run(ctx, spec.commandLine().getOut());
    }
  }

  /** Rejects wrong options before the database is opened (default: none to check). */
  void checkOptions() {}

  /**
   * The verb's work.
   *
   * @return the exit code
   */
  abstract int run(AppContext ctx, PrintWriter out) throws Exception;

  /** Cluster questions (an unknown host key, a key's passphrase) are asked on this terminal. */
  void askOnTerminal(AppContext ctx) {
    ClusterCommand.askOnTerminal(ctx, spec.commandLine().getErr());
  }
}
