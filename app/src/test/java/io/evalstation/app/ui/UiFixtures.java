package io.evalstation.app.ui;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Realistic data for the UI tests and the screenshot tour: three models, four datasets, a
 * completed, a running and a failed session with metrics, performance samples and provenance.
 */
public final class UiFixtures {
  public static final List<String> MODELS_ =
      List.of("Qwen2.5-7B-Instruct", "Llama-3.1-8B-Instruct", "deepseek-coder-6.7b");
  public static final List<String> DATASETS_ =
      List.of("gsm8k", "humaneval", "mmlu", "arc_challenge");

  private UiFixtures() {}

  /** What {@link #seed} wrote. */
  public record Seeded(long completedSession, long runningSession, long failedSession) {}

  /** Inserts the fixture in one transaction. */
  public static Seeded seed(DSLContext dsl) {
    return dsl.transactionResult(cfg -> seedIn(cfg.dsl()));
  }

  private static Seeded seedIn(DSLContext tx) {
    long[] models = new long[3];
    String[][] m = {
      {"qwen2.5", "7600000000", "instruct", "vllm", "Qwen/Qwen2.5-7B-Instruct"},
      {"llama-3.1", "8000000000", "instruct", "vllm", "meta-llama/Llama-3.1-8B-Instruct"},
      {"deepseek-coder", "6700000000", "code", "hf", "deepseek-ai/deepseek-coder-6.7b-base"}
    };
    for (int i = 0; i < 3; i++) {
      // Reuse a model the sample data already holds (the screenshot tour seeds both).
      var existing =
          tx.select(MODELS.MODEL_ID)
              .from(MODELS)
              .where(MODELS.MODEL_NAME.eq(MODELS_.get(i)))
              .fetchOne();
      if (existing != null) {
        models[i] = existing.value1();
        continue;
      }
      models[i] =
          tx.insertInto(MODELS)
              .set(MODELS.MODEL_NAME, MODELS_.get(i))
              .set(MODELS.MODEL_FAMILY, m[i][0])
              .set(MODELS.PARAMETER_COUNT, Long.parseLong(m[i][1]))
              .set(MODELS.SPECIALIZATION, m[i][2])
              .set(MODELS.BACKEND, m[i][3])
              .set(MODELS.WEIGHTS, m[i][4])
              .returning(MODELS.MODEL_ID)
              .fetchOne()
              .getModelId();
    }
    String[][] d = {
      {"generate_until", "math", "1319", "gsm8k"},
      {"generate_until", "code", "164", "humaneval"},
      {"multiple_choice", "knowledge", "14042", "mmlu"},
      {"multiple_choice", "reasoning", "1172", "arc_challenge"}
    };
    long[] datasets = new long[4];
    for (int i = 0; i < 4; i++) {
      var existing =
          tx.select(DATASETS.DATASET_ID)
              .from(DATASETS)
              .where(DATASETS.DATASET_NAME.eq(DATASETS_.get(i)))
              .fetchOne();
      if (existing != null) {
        datasets[i] = existing.value1();
        continue;
      }
      datasets[i] =
          tx.insertInto(DATASETS)
              .set(DATASETS.DATASET_NAME, DATASETS_.get(i))
              .set(DATASETS.TASK_TYPE, d[i][0])
              .set(DATASETS.CATEGORY, d[i][1])
              .set(DATASETS.SAMPLE_COUNT, Integer.parseInt(d[i][2]))
              .set(DATASETS.HARNESS_TASK, d[i][3])
              .returning(DATASETS.DATASET_ID)
              .fetchOne()
              .getDatasetId();
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    long done =
        session(
            tx,
            "20250919_042241",
            "legacy",
            "reasoning",
            "completed",
            now.minusHours(30),
            now.minusHours(27));
    long running =
        session(tx, "grid-math-0312", "launch", "math", "running", now.minusMinutes(42), null);
    long failed =
        session(
            tx,
            "20250921_101500",
            "lm_eval",
            "code",
            "failed",
            now.minusHours(6),
            now.minusHours(5));
    int idx = 0;
    for (int mi = 0; mi < 3; mi++) {
      for (int di : new int[] {2, 3}) {
        long t =
            task(
                tx,
                done,
                idx++,
                models[mi],
                datasets[di],
                "completed",
                null,
                now.minusHours(30).plusMinutes(20L * idx),
                25);
        metric(tx, t, "acc", 0.55 + 0.07 * mi + 0.03 * di);
        metric(tx, t, "acc_norm", 0.57 + 0.07 * mi + 0.03 * di);
      }
    }
    idx = 0;
    String[] statuses = {"completed", "completed", "running", "running", "queued", "pending"};
    for (int i = 0; i < statuses.length; i++) {
      long t =
          task(
              tx,
              running,
              idx++,
              models[i % 3],
              datasets[i < 3 ? 0 : 1],
              statuses[i],
              null,
              now.minusMinutes(40 - 12L * Math.min(i, 2)),
              statuses[i].equals("completed") ? 14 : 0);
      if (statuses[i].equals("completed")) {
        metric(tx, t, "exact_match", 0.71 + 0.05 * i);
      }
      if (statuses[i].equals("running")) {
        tx.update(EVALUATION_TASKS)
            .set(EVALUATION_TASKS.SAMPLES_DONE, 400 + 300 * i)
            .set(EVALUATION_TASKS.SAMPLES_TOTAL, 1319)
            .set(EVALUATION_TASKS.SLURM_JOB_ID, 4711L + i)
            .set(EVALUATION_TASKS.NODE_NAME, "gpu-node-0" + i)
            .where(EVALUATION_TASKS.TASK_ID.eq(t))
            .execute();
      }
      if (statuses[i].equals("queued")) {
        tx.update(EVALUATION_TASKS)
            .set(EVALUATION_TASKS.SLURM_JOB_ID, 4720L)
            .where(EVALUATION_TASKS.TASK_ID.eq(t))
            .execute();
      }
    }
    long ok = task(tx, failed, 0, models[2], datasets[1], "completed", null, now.minusHours(6), 30);
    metric(tx, ok, "pass_at_1", 0.482);
    task(
        tx,
        failed,
        1,
        models[0],
        datasets[1],
        "failed",
        "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.15 GiB total capacity)",
        now.minusHours(6),
        12);
    for (int s = 0; s < 42 * 6; s++) {
      OffsetDateTime at = now.minusMinutes(42).plusSeconds(10L * s);
      for (int g = 0; g < 2; g++) {
        tx.insertInto(PERFORMANCE_METRICS)
            .set(PERFORMANCE_METRICS.SESSION_ID, running)
            .set(PERFORMANCE_METRICS.RECORDED_AT, at)
            .set(PERFORMANCE_METRICS.GPU_INDEX, g)
            .set(PERFORMANCE_METRICS.GPU_UTILIZATION, 70 + 20 * Math.sin(s / 9.0 + g))
            .set(PERFORMANCE_METRICS.MEMORY_USAGE, 55 + 10 * Math.cos(s / 23.0) + 3 * g)
            .set(PERFORMANCE_METRICS.THROUGHPUT, 6 + 2 * Math.sin(s / 15.0))
            .set(PERFORMANCE_METRICS.NODE_NAME, "gpu-node-02")
            .execute();
      }
    }
    return new Seeded(done, running, failed);
  }

  private static long session(
      DSLContext tx,
      String key,
      String kind,
      String category,
      String status,
      OffsetDateTime start,
      OffsetDateTime end) {
    return tx.insertInto(EVALUATION_SESSIONS)
        .set(EVALUATION_SESSIONS.SESSION_KEY, key)
        .set(EVALUATION_SESSIONS.SOURCE_KIND, kind)
        .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "fixture:" + key)
        .set(EVALUATION_SESSIONS.CATEGORY, category)
        .set(EVALUATION_SESSIONS.STATUS, status)
        .set(EVALUATION_SESSIONS.CLUSTER, kind.equals("launch") ? "local-slurm" : null)
        .set(EVALUATION_SESSIONS.START_TIME, start)
        .set(EVALUATION_SESSIONS.END_TIME, end)
        .set(
            EVALUATION_SESSIONS.PROVENANCE,
            JSONB.valueOf(
                "{\"harness_version\":\"0.4.8\",\"job_script\":\"#!/bin/bash\\n#SBATCH --gres=gpu:1\\nlm_eval --model vllm ...\",\"config\":{\"batch_size\":\"auto\",\"seed\":1234}}"))
        .returning(EVALUATION_SESSIONS.SESSION_ID)
        .fetchOne()
        .getSessionId();
  }

  private static long task(
      DSLContext tx,
      long session,
      int index,
      long model,
      long dataset,
      String status,
      String error,
      OffsetDateTime start,
      int minutes) {
    boolean started = !status.equals("pending") && !status.equals("queued");
    boolean ended = status.equals("completed") || status.equals("failed");
    return tx.insertInto(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.SESSION_ID, session)
        .set(EVALUATION_TASKS.TASK_INDEX, index)
        .set(EVALUATION_TASKS.MODEL_ID, model)
        .set(EVALUATION_TASKS.DATASET_ID, dataset)
        .set(EVALUATION_TASKS.PRESET, index % 2 == 0 ? "default" : "fewshot-5")
        .set(EVALUATION_TASKS.STATUS, status)
        .set(EVALUATION_TASKS.SLURM_JOB_ID, status.equals("queued") ? 4720L : null)
        .set(EVALUATION_TASKS.FAILURE_CAUSE, status.equals("failed") ? "OUT_OF_MEMORY" : null)
        .set(EVALUATION_TASKS.EXIT_CODE, status.equals("failed") ? 1 : null)
        .set(EVALUATION_TASKS.ERROR_MESSAGE, error)
        .set(EVALUATION_TASKS.START_TIME, started ? start : null)
        .set(EVALUATION_TASKS.END_TIME, ended ? start.plusMinutes(minutes) : null)
        .set(EVALUATION_TASKS.PROVENANCE, JSONB.valueOf("{\"harness_version\":\"0.4.8\"}"))
        .returning(EVALUATION_TASKS.TASK_ID)
        .fetchOne()
        .getTaskId();
  }

  private static void metric(DSLContext tx, long task, String metric, double value) {
    tx.insertInto(TASK_METRICS)
        .set(TASK_METRICS.TASK_ID, task)
        .set(TASK_METRICS.METRIC, metric)
        .set(TASK_METRICS.VALUE, value)
        .set(TASK_METRICS.STDERR, 0.012)
        .execute();
  }
}
