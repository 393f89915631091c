package io.evalstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstation.app.AppContext;
import io.evalstation.app.service.LaunchEstimate;
import io.evalstation.app.service.LaunchService;
import io.evalstation.persistence.analytics.AnalysisChoices;
import io.evalstation.persistence.analytics.DurationEstimate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit --dry-run} needs neither a database nor a configured cluster; with a database that
 * has history it adds the Launch view's estimate.
 */
class SubmitDryRunTest {
  /** A data directory without a database: the dry run must not create one there. */
  @TempDir static Path empty;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        EvalstationCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void printsOneScriptPerTaskWithDefaultSettings() {
    Run r =
        run(
            "submit",
            "--dry-run",
            "--models",
            "org/model-a,model-b",
            "--datasets",
            "gsm8k",
            "--preset",
            "thorough",
            "--limit",
            "7",
            "--priority",
            "high",
            "--session",
            "dry",
            "--data-dir",
            empty.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().split("#!/bin/bash", -1)).hasSize(3);
    assertThat(r.out())
        .contains("evalstation/sessions/dry/001-")
        .contains("#SBATCH --gres=gpu:h100:4")
        .contains("EVAL_LIMIT=7")
        .contains("2 script(s); nothing was stored or submitted");
    assertThat(r.out()).contains("# estimate: none (no database yet)");
    assertThat(empty.resolve("db")).doesNotExist();
    assertThat(empty).isEmptyDirectory();
  }

  /**
   * The dry run and the Launch view show one estimate: the dry run's line is {@link
   * LaunchService#estimate} on the same database (one query for the grid, the preset's GPUs).
   */
  @Test
  void withADatabaseItPrintsTheLaunchEstimate(@TempDir Path data) {
    List<String> models;
    List<String> datasets;
    AppContext.Options options = new AppContext.Options(null, null, data, null);
    try (AppContext ctx = AppContext.open(options, true)) {
      ctx.seedSampleDataIfNew();
      AnalysisChoices c = ctx.analytics().choices().all();
      models = c.models().subList(0, 2);
      datasets = c.datasets().subList(0, 2);
    }
    Run r =
        run(
            "submit",
            "--dry-run",
            "--models",
            String.join(",", models),
            "--datasets",
            String.join(",", datasets),
            "--preset",
            "thorough",
            "--data-dir",
            data.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    LaunchEstimate expected;
    Duration total;
    try (AppContext ctx = AppContext.open(options, false)) {
      expected =
          LaunchService.estimate(
              ctx.jobScripts(), ctx.analytics().estimates(), models, datasets, "thorough", null);
      total =
          ctx.analytics().estimates().estimates(models, datasets, "thorough", null).stream()
              .map(DurationEstimate::estimate)
              .reduce(Duration.ZERO, Duration::plus);
    }
    assertThat(expected.known()).isPositive();
    assertThat(expected.gpuHours())
        .as("thorough runs on 4 GPUs")
        .isCloseTo(total.multipliedBy(4).toSeconds() / 3600.0, within(1e-9));
    assertThat(r.out())
        .contains("# estimate: " + expected.describe(SessionReport::format) + "\n")
        .contains("GPU-hours");
  }

  @Test
  void anUnknownClusterFallsBackToDefaults() {
    Run r =
        run(
            "submit",
            "--dry-run",
            "--cluster",
            "nowhere-" + System.nanoTime(),
            "--models",
            "m",
            "--datasets",
            "d",
            "--data-dir",
            empty.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("using default settings");
    assertThat(r.out()).contains("#SBATCH --partition=gpu");
  }

  @Test
  void aShellInjectionIsRefusedBeforeAnythingIsRendered() {
    Run r = run("submit", "--dry-run", "--models", "x; touch /tmp/pwned", "--datasets", "d");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("model 'x; touch /tmp/pwned' may only hold");
    assertThat(r.out()).isEmpty();
  }
}
