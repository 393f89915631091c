package io.evalstation.app.cli;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The analytics verbs end to end on an embedded PostgreSQL in a temporary data directory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsCommandsTest {
  @TempDir static Path dir;
  long taskA;
  long taskB;

  @BeforeAll
  void load() {
    try (Database db =
        Database.open(
            DatabaseSettings.embedded(new AppDirectories(dir.resolve("c"), dir.resolve("d"))),
            Database.PasswordPrompt.none())) {
      DSLContext dsl = db.dsl();
      long m1 =
          dsl.insertInto(MODELS)
              .set(MODELS.MODEL_NAME, "qwen3_8b")
              .set(MODELS.MODEL_FAMILY, "qwen3")
              .returning(MODELS.MODEL_ID)
              .fetchOne()
              .getModelId();
      long m2 =
          dsl.insertInto(MODELS)
              .set(MODELS.MODEL_NAME, "llama3_8b")
              .set(MODELS.MODEL_FAMILY, "llama3")
              .returning(MODELS.MODEL_ID)
              .fetchOne()
              .getModelId();
      long d =
          dsl.insertInto(DATASETS)
              .set(DATASETS.DATASET_NAME, "gsm8k")
              .set(DATASETS.CATEGORY, "math")
              .returning(DATASETS.DATASET_ID)
              .fetchOne()
              .getDatasetId();
      long s =
          dsl.insertInto(EVALUATION_SESSIONS)
              .set(EVALUATION_SESSIONS.SESSION_KEY, "20250919_042241")
              .set(EVALUATION_SESSIONS.SOURCE_KIND, "legacy")
              .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "x")
              .set(EVALUATION_SESSIONS.STATUS, "completed")
              .returning(EVALUATION_SESSIONS.SESSION_ID)
              .fetchOne()
              .getSessionId();
      OffsetDateTime t0 = OffsetDateTime.parse("2025-09-19T04:00:00Z");
      taskA = task(dsl, s, 0, m1, d, t0);
      taskB = task(dsl, s, 1, m2, d, t0.plusHours(1));
      metric(dsl, taskA, "strict-match", 0.25);
      metric(dsl, taskA, "flexible-extract", 0.5);
      metric(dsl, taskB, "strict-match", 0.75);
      metric(dsl, taskB, "flexible-extract", 0.5);
      // 10 samples: A right on 0; B right on 1..9 → b=1, c=9 (p = 0.02148)
      for (int i = 0; i < 10; i++) {
        pred(dsl, taskA, i, i == 0);
        pred(dsl, taskB, i, i != 0);
      }
    }
  }

  private static long task(DSLContext dsl, long s, int idx, long m, long d, OffsetDateTime start) {
    return dsl.insertInto(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.SESSION_ID, s)
        .set(EVALUATION_TASKS.TASK_INDEX, idx)
        .set(EVALUATION_TASKS.MODEL_ID, m)
        .set(EVALUATION_TASKS.DATASET_ID, d)
        .set(EVALUATION_TASKS.STATUS, "completed")
        .set(EVALUATION_TASKS.START_TIME, start)
        .set(EVALUATION_TASKS.END_TIME, start.plusMinutes(30))
        .returning(EVALUATION_TASKS.TASK_ID)
        .fetchOne()
        .getTaskId();
  }

  private static void metric(DSLContext dsl, long t, String filter, double v) {
    dsl.insertInto(TASK_METRICS)
        .set(TASK_METRICS.TASK_ID, t)
        .set(TASK_METRICS.METRIC, "exact_match")
        .set(TASK_METRICS.FILTER, filter)
        .set(TASK_METRICS.VALUE, v)
        .set(TASK_METRICS.STDERR, 0.05)
        .execute();
  }

  private static void pred(DSLContext dsl, long t, int i, boolean correct) {
    dsl.insertInto(PREDICTIONS)
        .set(PREDICTIONS.TASK_ID, t)
        .set(PREDICTIONS.SAMPLE_ID, i)
        .set(PREDICTIONS.PREDICTION, "p,\"" + i)
        .set(PREDICTIONS.CORRECT, correct)
        .execute();
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.resolve("d").toString();
    int code =
        EvalstationCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void leaderboardNeedsAFilterWhenThereAreSeveral() {
    Run r = run("leaderboard", "--metric", "exact_match");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains(
            "metric 'exact_match' is recorded under several filters (flexible-extract, strict-match)");
    Run ok = run("leaderboard", "--metric", "exact_match,strict-match");
    assertThat(ok.code()).isZero();
    String[] lines = ok.out().split("\n");
    assertThat(lines[0]).startsWith("Rank  Model");
    assertThat(lines[2]).matches("\\s*1  llama3_8b\\s+llama3\\s+1\\s+0\\.7500 \\*.*");
    assertThat(lines[3]).matches("\\s*2  qwen3_8b\\s+qwen3\\s+1\\s+0\\.2500.*");
  }

  @Test
  void compareAndFormats() throws Exception {
    Run r =
        run(
            "compare",
            "--model",
            "qwen3_8b",
            "--model",
            "llama3_8b",
            "--dataset",
            "gsm8k",
            "--format",
            "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"fixed\" : 9", "\"regressed\" : 1", "\"mcnemarP\" : 0.021484375");
    Run csv =
        run(
            "compare",
            "--task",
            Long.toString(taskA),
            "--task",
            Long.toString(taskB),
            "--format",
            "csv");
    assertThat(csv.out()).contains("McNemar exact p,0.02148\r\n");

    Path tex = dir.resolve("pivot.tex");
    Run latex =
        run(
            "pivot",
            "--metric",
            "exact_match,flexible-extract",
            "--format",
            "latex",
            "--out",
            tex.toString());
    assertThat(latex.code()).as(latex.err()).isZero();
    assertThat(Files.readString(tex))
        .contains(
            "llama3\\_8b & $\\mathbf{0.500 \\pm 0.050}$ \\\\",
            "qwen3\\_8b & $\\mathbf{0.500 \\pm 0.050}$ \\\\");

    Run trends =
        run(
            "trends",
            "--bucket",
            "hour",
            "--metric",
            "exact_match,strict-match",
            "--format",
            "csv");
    assertThat(trends.out().split("\r\n")).hasSize(3);
    assertThat(trends.out()).contains("2025-09-19T04:00:00Z,1,1,1,0,1,1800,0.5,0.25\r\n");

    Path xlsx = dir.resolve("book.xlsx");
    Run export =
        run(
            "export",
            "--metric",
            "exact_match,strict-match",
            "--session",
            "20250919_042241",
            "--out",
            xlsx.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).contains("(20 predictions)");
    assertThat(Files.size(xlsx)).isPositive();

    Run bad = run("compare", "--task", "1");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--task needs exactly two ids");
  }
}
