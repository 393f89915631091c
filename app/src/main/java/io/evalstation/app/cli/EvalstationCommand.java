package io.evalstation.app.cli;

import io.evalstation.persistence.db.DatabaseUnavailableException;
import io.evalstation.persistence.db.SchemaTooNewException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code evalstation} command. Every verb has {@code --help}; verbs whose output is data take
 * {@code --json}. Without arguments the launcher opens the desktop app instead.
 */
@Command(
    name = "evalstation",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Evaluate language models on SLURM clusters; results in PostgreSQL.",
    subcommands = {
      DbCommand.class,
      DemoDataCommand.class,
      LeaderboardCommand.class,
      PivotCommand.class,
      TrendsCommand.class,
      CompareCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EvalstationCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with Evalstation's error handling. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new EvalstationCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("evalstation: " + messageOf(ex));
          commandLine.getErr().flush();
          return exitCodeOf(ex);
        });
    return cl;
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    return commandLine(out, err).execute(args);
  }

  static int exitCodeOf(Throwable ex) {
    if (ex instanceof SchemaTooNewException) {
      return ExitCodes.SCHEMA_TOO_NEW;
    }
    if (ex instanceof DatabaseUnavailableException) {
      return ExitCodes.UNAVAILABLE;
    }
    if (ex instanceof IllegalArgumentException) {
      return ExitCodes.USAGE;
    }
    if (ex instanceof CliException c) {
      return c.exitCode();
    }
    return ExitCodes.FAILED;
  }

  static String messageOf(Throwable ex) {
    String m = ex.getMessage();
    return m == null ? ex.getClass().getSimpleName() : m;
  }
}
