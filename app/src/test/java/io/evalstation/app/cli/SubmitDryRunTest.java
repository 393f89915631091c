package io.evalstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code submit --dry-run} needs neither a database nor a configured cluster. */
class SubmitDryRunTest {

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
            "dry");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().split("#!/bin/bash", -1)).hasSize(3);
    assertThat(r.out())
        .contains("evalstation/sessions/dry/001-")
        .contains("#SBATCH --gres=gpu:h100:4")
        .contains("EVAL_LIMIT=7")
        .contains("2 script(s); nothing was stored or submitted");
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
            "d");
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
