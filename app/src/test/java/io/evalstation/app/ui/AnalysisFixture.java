package io.evalstation.app.ui;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Real data for the analysis views' tests, written with jOOQ into a real embedded PostgreSQL.
 *
 * <p>Three models × three datasets, each pair evaluated twice (two sessions a day apart) so every
 * leaderboard row has a count of 2, a standard deviation and a confidence interval. Known order on
 * {@code exact_match} over gsm8k: qwen2-7b (0.80, 0.84) beats llama-3-8b (0.60, 0.64) beats
 * deepseek-coder (0.30, 0.34). On humaneval ({@code pass_at_1}) deepseek-coder is best.
 *
 * <p>The latest runs on gsm8k, llama-3-8b (task A) and qwen2-7b (task B), hold {@link #ALIGNED}
 * predictions: sample 0..3 are both correct, 4..5 are regressed (A right, B wrong), 6..8 are fixed
 * (A wrong, B right), 9 is both wrong.
 */
public final class AnalysisFixture {
  public static final String[] MODELS_NAMES = {"llama-3-8b", "qwen2-7b", "deepseek-coder-6.7b"};
  public static final String[] DATASET_NAMES = {"gsm8k", "humaneval", "arc_easy"};
  public static final int ALIGNED = 10;

  /** The score of model m on dataset d in session 1; session 2 adds 0.04. */
  static final double[][] BASE = {
    {0.60, 0.40, 0.70}, {0.80, 0.50, 0.85}, {0.30, 0.70, 0.45},
  };

  public static final OffsetDateTime DAY1 =
      OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, ZoneOffset.UTC);

  public final Map<String, Long> modelIds = new HashMap<>();
  public final Map<String, Long> datasetIds = new HashMap<>();

  /** Task A and task B of the aligned predictions. */
  public long taskA;

  public long taskB;

  private AnalysisFixture() {}

  /** Writes the fixture in one transaction. */
  public static AnalysisFixture insert(DSLContext dsl) {
    AnalysisFixture f = new AnalysisFixture();
    dsl.transaction(cfg -> f.write(cfg.dsl()));
    return f;
  }

  private void write(DSLContext tx) {
    String[] families = {"llama", "qwen", "deepseek"};
    String[] specializations = {"general", "general", "code"};
    for (int m = 0; m < MODELS_NAMES.length; m++) {
      modelIds.put(
          MODELS_NAMES[m],
          tx.insertInto(MODELS)
              .set(MODELS.MODEL_NAME, MODELS_NAMES[m])
              .set(MODELS.MODEL_FAMILY, families[m])
              .set(MODELS.SPECIALIZATION, specializations[m])
              .set(MODELS.PARAMETER_COUNT, 7_000_000_000L)
              .returning(MODELS.MODEL_ID)
              .fetchOne()
              .getModelId());
    }
    String[] categories = {"math", "code", "reasoning"};
    for (int d = 0; d < DATASET_NAMES.length; d++) {
      datasetIds.put(
          DATASET_NAMES[d],
          tx.insertInto(DATASETS)
              .set(DATASETS.DATASET_NAME, DATASET_NAMES[d])
              .set(DATASETS.CATEGORY, categories[d])
              .set(DATASETS.TASK_TYPE, "generation")
              .set(DATASETS.SAMPLE_COUNT, 100)
              .returning(DATASETS.DATASET_ID)
              .fetchOne()
              .getDatasetId());
    }
    for (int s = 0; s < 2; s++) {
      OffsetDateTime start = DAY1.plusDays(s);
      long session =
          tx.insertInto(EVALUATION_SESSIONS)
              .set(EVALUATION_SESSIONS.SESSION_KEY, "fixture-" + s)
              .set(EVALUATION_SESSIONS.SOURCE_KIND, "legacy")
              .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "fixture-" + s)
              .set(EVALUATION_SESSIONS.CATEGORY, "general")
              .set(EVALUATION_SESSIONS.STATUS, "completed")
              .set(EVALUATION_SESSIONS.START_TIME, start)
              .set(EVALUATION_SESSIONS.END_TIME, start.plusHours(3))
              .returning(EVALUATION_SESSIONS.SESSION_ID)
              .fetchOne()
              .getSessionId();
      int index = 0;
      for (int m = 0; m < MODELS_NAMES.length; m++) {
        for (int d = 0; d < DATASET_NAMES.length; d++) {
          OffsetDateTime taskStart = start.plusMinutes(10L * index);
          long task =
              tx.insertInto(EVALUATION_TASKS)
                  .set(EVALUATION_TASKS.SESSION_ID, session)
                  .set(EVALUATION_TASKS.TASK_INDEX, index++)
                  .set(EVALUATION_TASKS.MODEL_ID, modelIds.get(MODELS_NAMES[m]))
                  .set(EVALUATION_TASKS.DATASET_ID, datasetIds.get(DATASET_NAMES[d]))
                  .set(EVALUATION_TASKS.PRESET, "default")
                  .set(EVALUATION_TASKS.STATUS, "completed")
                  .set(EVALUATION_TASKS.START_TIME, taskStart)
                  .set(EVALUATION_TASKS.END_TIME, taskStart.plusMinutes(8))
                  .set(EVALUATION_TASKS.SAMPLES_DONE, 100)
                  .set(EVALUATION_TASKS.SAMPLES_TOTAL, 100)
                  .returning(EVALUATION_TASKS.TASK_ID)
                  .fetchOne()
                  .getTaskId();
          double value = BASE[m][d] + 0.04 * s;
          String metric = DATASET_NAMES[d].equals("humaneval") ? "pass_at_1" : "exact_match";
          tx.insertInto(TASK_METRICS)
              .set(TASK_METRICS.TASK_ID, task)
              .set(TASK_METRICS.METRIC, metric)
              .set(TASK_METRICS.VALUE, value)
              .set(TASK_METRICS.STDERR, 0.03)
              .execute();
          tx.insertInto(EVALUATION_RESULTS)
              .set(EVALUATION_RESULTS.TASK_ID, task)
              .set(EVALUATION_RESULTS.SAMPLES_PROCESSED, 100)
              .set(EVALUATION_RESULTS.AVERAGE_EXECUTION_TIME, 1.5 + m)
              .execute();
          if (s == 1 && d == 0 && m == 0) {
            taskA = task;
          }
          if (s == 1 && d == 0 && m == 1) {
            taskB = task;
          }
        }
      }
    }
    writeAligned(tx);
  }

  private void writeAligned(DSLContext tx) {
    for (int i = 0; i < ALIGNED; i++) {
      boolean aRight = i < 6;
      boolean bRight = i < 4 || (i >= 6 && i < 9);
      String truth = "The answer is " + (i * 7);
      insertPrediction(
          tx, taskA, i, aRight ? truth : "The answer is " + (i * 7 + 1), truth, aRight);
      insertPrediction(
          tx, taskB, i, bRight ? truth : "So the answer is " + (i * 7 - 1), truth, bRight);
    }
  }

  private static void insertPrediction(
      DSLContext tx, long task, int sample, String text, String truth, boolean correct) {
    tx.insertInto(PREDICTIONS)
        .set(PREDICTIONS.TASK_ID, task)
        .set(PREDICTIONS.SAMPLE_ID, sample)
        .set(PREDICTIONS.PROMPT_HASH, "p" + sample)
        .set(PREDICTIONS.PROMPT, "Question " + sample + ": what is " + sample + " times 7?")
        .set(PREDICTIONS.PREDICTION, text)
        .set(PREDICTIONS.GROUND_TRUTH, truth)
        .set(PREDICTIONS.CORRECT, correct)
        .set(PREDICTIONS.EXECUTION_TIME, 1.0)
        .execute();
  }

  /**
   * Adds {@code n} aligned samples to two new tasks of a new session (for the paging test): sample
   * i is correct in A when i % 3 != 0 and in B when i % 5 != 0. Returns {taskA, taskB}.
   */
  public long[] insertLarge(DSLContext dsl, int n) {
    long[] ids = new long[2];
    dsl.transaction(
        cfg -> {
          DSLContext tx = cfg.dsl();
          long session =
              tx.insertInto(EVALUATION_SESSIONS)
                  .set(EVALUATION_SESSIONS.SESSION_KEY, "large")
                  .set(EVALUATION_SESSIONS.SOURCE_KIND, "legacy")
                  .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "large")
                  .set(EVALUATION_SESSIONS.STATUS, "completed")
                  .set(EVALUATION_SESSIONS.START_TIME, DAY1.plusDays(3))
                  .returning(EVALUATION_SESSIONS.SESSION_ID)
                  .fetchOne()
                  .getSessionId();
          for (int k = 0; k < 2; k++) {
            ids[k] =
                tx.insertInto(EVALUATION_TASKS)
                    .set(EVALUATION_TASKS.SESSION_ID, session)
                    .set(EVALUATION_TASKS.TASK_INDEX, k)
                    .set(EVALUATION_TASKS.MODEL_ID, modelIds.get(MODELS_NAMES[k]))
                    .set(EVALUATION_TASKS.DATASET_ID, datasetIds.get("arc_easy"))
                    .set(EVALUATION_TASKS.STATUS, "completed")
                    .returning(EVALUATION_TASKS.TASK_ID)
                    .fetchOne()
                    .getTaskId();
            int mod = k == 0 ? 3 : 5;
            // One statement per task: 100,000 rows in about a second, no client round trips.
            tx.execute(
                "INSERT INTO predictions (task_id, sample_id, prompt_hash, prompt, prediction,"
                    + " ground_truth, correct) SELECT ?, g, 'h' || g, 'Question ' || g,"
                    + " 'answer ' || (g % 97) || ' from model "
                    + k
                    + "', 'answer ' || (g % 97),"
                    + " g % ? <> 0 FROM generate_series(0, ? - 1) AS g",
                ids[k],
                mod,
                n);
          }
        });
    return ids;
  }
}
