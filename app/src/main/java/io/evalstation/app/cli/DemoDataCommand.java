package io.evalstation.app.cli;

import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Format;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Options;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Summary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evalstation demo-data}: writes a deterministic demo corpus (legacy sessions and/or
 * lm-evaluation-harness output) for tests, demos and benchmarks. Needs no database.
 */
@Command(
    name = "demo-data",
    mixinStandardHelpOptions = true,
    description = {
      "Write a deterministic demo corpus of evaluation sessions (same seed, same bytes).",
      "Legacy files go to OUT/legacy, lm-evaluation-harness output to OUT/lm-eval/<stamp>/."
    })
public final class DemoDataCommand implements Callable<Integer> {
  @Option(names = "--sessions", required = true, description = "Number of sessions (≥ 1).")
  int sessions;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder (created if missing).")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "legacy",
      description = "legacy, lm-eval or both (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--predictions-per-task",
      defaultValue = "0",
      description = "Predictions per task; 0 = each dataset's usual limit (up to 1000).")
  int predictionsPerTask;

  @Option(
      names = "--weeks",
      defaultValue = "4",
      description = "Weeks the sessions spread over (default: ${DEFAULT-VALUE}).")
  int weeks;

  @Option(
      names = "--first-day",
      defaultValue = "2025-09-01",
      description = "Day of the first session (default: ${DEFAULT-VALUE}).")
  LocalDate firstDay;

  @Option(names = "--compact", description = "Write legacy JSON without indentation.")
  boolean compact;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Options options =
        new Options(
            sessions,
            seed,
            Format.parse(format),
            predictionsPerTask,
            firstDay,
            weeks,
            compact ? JsonLayout.COMPACT : JsonLayout.PRETTY);
    long started = System.nanoTime();
    Summary s = new DemoCorpusGenerator(options).generate(out);
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      Json.print(pw, s);
    } else {
      pw.printf(
          "%d sessions, %d tasks (%d failed), %,d legacy predictions, %,d lm-eval sample lines%n",
          s.sessions(), s.tasks(), s.failedTasks(), s.legacyPredictions(), s.lmEvalSampleLines());
      pw.printf(
          "%d files, %.1f MB in %s, %.1f s%n",
          s.files(), s.bytes() / 1e6, out.toAbsolutePath(), seconds);
      pw.flush();
    }
    return ExitCodes.OK;
  }
}
