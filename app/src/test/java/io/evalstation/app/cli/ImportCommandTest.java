package io.evalstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import/export/registry verbs end to end on the embedded database. */
class ImportCommandTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        EvalstationCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void importReportsPerFileAndFailsWhenAFileIsBad(
      @TempDir Path data, @TempDir Path in, @TempDir Path export) throws Exception {
    Files.writeString(
        in.resolve("evaluation_session_20250505_050505.json"),
        """
        {"session_id": "20250505_050505", "start_time": "2025-05-05T05:05:05", "end_time": "2025-05-05T06:00:00",
         "models": {"cli_m": {"model_family": "fam"}},
         "tasks": [{"task_index": 1, "model_name": "cli_m", "dataset_name": "cli_d", "success": true,
           "results": {"evaluation_metrics": {"pass@1": 0.5}},
           "predictions": [{"sample_id": 0, "prediction": "x"}]}]}
        """);
    Path bad = in.resolve("evaluation_session_broken.json");
    Files.writeString(bad, "{\"session_id\": \"broken\", \"tasks\": [{\"model_name\": ");
    String dd = data.toString();
    Run r = run("import", in.toString(), "--zone", "Europe/Berlin", "--json", "--data-dir", dd);
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.FAILED);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("counts").get("imported").asInt()).isEqualTo(1);
    assertThat(j.get("counts").get("failed").asInt()).isEqualTo(1);
    JsonNode failed = null;
    for (JsonNode u : j.get("units")) {
      if (u.get("outcome").asText().equals("failed")) {
        failed = u;
      }
    }
    assertThat(failed.get("file").asText()).isEqualTo(bad.toString());
    assertThat(failed.get("reason").asText()).contains(bad.toString()).contains("line 1");

    Run again =
        run(
            "import",
            in.resolve("evaluation_session_20250505_050505.json").toString(),
            "--data-dir",
            dd);
    assertThat(again.exit()).isZero();
    assertThat(again.out()).startsWith("unchanged");

    Run set =
        run(
            "models",
            "set",
            "cli_m",
            "--params",
            "7e9",
            "--specialization",
            "code",
            "--data-dir",
            dd);
    assertThat(set.exit()).as(set.err()).isZero();
    Run list = run("models", "list", "--family", "fam", "--json", "--data-dir", dd);
    JsonNode models = new ObjectMapper().readTree(list.out());
    assertThat(models).hasSize(1);
    assertThat(models.get(0).get("parameterCount").asLong()).isEqualTo(7_000_000_000L);
    assertThat(models.get(0).get("specialization").asText()).isEqualTo("code");
    assertThat(run("models", "list", "--family", "other", "--json", "--data-dir", dd).out().trim())
        .isEqualTo("[ ]");
    assertThat(run("models", "set", "nope", "--family", "x", "--data-dir", dd).exit())
        .isEqualTo(ExitCodes.USAGE);
    Run ds = run("datasets", "set", "cli_d", "--category", "coding", "--data-dir", dd);
    assertThat(ds.exit()).as(ds.err()).isZero();
    assertThat(run("datasets", "list", "--category", "coding", "--data-dir", dd).out())
        .contains("cli_d");

    Run exp =
        run("export-session", "20250505_050505", "--out", export.toString(), "--data-dir", dd);
    assertThat(exp.exit()).as(exp.err()).isZero();
    assertThat(export.resolve("evaluation_session_20250505_050505.json")).exists();
    assertThat(export.resolve("predictions_20250505_050505_task1.json")).exists();
    assertThat(
            run("export-session", "missing", "--out", export.toString(), "--data-dir", dd).exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run("import", in.toString(), "--zone", "Nowhere/Land", "--data-dir", dd).exit())
        .isEqualTo(ExitCodes.USAGE);
  }
}
