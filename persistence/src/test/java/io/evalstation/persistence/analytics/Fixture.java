package io.evalstation.persistence.analytics;

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
import org.jooq.JSONB;

/** Small hand-made corpora inserted with jOOQ; every figure in the tests is computed from these. */
final class Fixture {
  private final DSLContext dsl;
  private final Map<String, Long> models = new HashMap<>();
  private final Map<String, Long> datasets = new HashMap<>();
  private int sessionCounter;
  private int taskCounter;

  Fixture(DSLContext dsl) {
    this.dsl = dsl;
  }

  static OffsetDateTime at(String isoUtc) {
    return OffsetDateTime.parse(isoUtc + "Z").withOffsetSameInstant(ZoneOffset.UTC);
  }

  Fixture model(String name, String family, String specialization) {
    long id =
        dsl.insertInto(MODELS)
            .set(MODELS.MODEL_NAME, name)
            .set(MODELS.MODEL_FAMILY, family)
            .set(MODELS.SPECIALIZATION, specialization)
            .returning(MODELS.MODEL_ID)
            .fetchOne()
            .getModelId();
    models.put(name, id);
    return this;
  }

  Fixture dataset(String name, String category, Integer sampleCount) {
    long id =
        dsl.insertInto(DATASETS)
            .set(DATASETS.DATASET_NAME, name)
            .set(DATASETS.CATEGORY, category)
            .set(DATASETS.SAMPLE_COUNT, sampleCount)
            .returning(DATASETS.DATASET_ID)
            .fetchOne()
            .getDatasetId();
    datasets.put(name, id);
    return this;
  }

  long session(String key, String startUtc, String provenanceJson) {
    sessionCounter++;
    return dsl.insertInto(EVALUATION_SESSIONS)
        .set(EVALUATION_SESSIONS.SESSION_KEY, key)
        .set(EVALUATION_SESSIONS.SOURCE_KIND, "legacy")
        .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, key)
        .set(EVALUATION_SESSIONS.STATUS, "completed")
        .set(EVALUATION_SESSIONS.START_TIME, startUtc == null ? null : at(startUtc))
        .set(EVALUATION_SESSIONS.PROVENANCE, JSONB.valueOf(provenanceJson))
        .returning(EVALUATION_SESSIONS.SESSION_ID)
        .fetchOne()
        .getSessionId();
  }

  /** A task; {@code status} "completed", "failed", "running"… */
  long task(
      long session,
      String model,
      String dataset,
      String preset,
      String status,
      String startUtc,
      String endUtc,
      Integer sampleLimit,
      String provenanceJson) {
    int index = taskCounter++;
    return dsl.insertInto(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.SESSION_ID, session)
        .set(EVALUATION_TASKS.TASK_INDEX, index)
        .set(EVALUATION_TASKS.MODEL_ID, models.get(model))
        .set(EVALUATION_TASKS.DATASET_ID, datasets.get(dataset))
        .set(EVALUATION_TASKS.PRESET, preset)
        .set(EVALUATION_TASKS.STATUS, status)
        .set(EVALUATION_TASKS.FAILURE_CAUSE, status.equals("failed") ? "OUT_OF_MEMORY" : null)
        .set(EVALUATION_TASKS.START_TIME, startUtc == null ? null : at(startUtc))
        .set(EVALUATION_TASKS.END_TIME, endUtc == null ? null : at(endUtc))
        .set(EVALUATION_TASKS.SAMPLE_LIMIT, sampleLimit)
        .set(
            EVALUATION_TASKS.PROVENANCE,
            JSONB.valueOf(provenanceJson == null ? "{}" : provenanceJson))
        .returning(EVALUATION_TASKS.TASK_ID)
        .fetchOne()
        .getTaskId();
  }

  Fixture metric(long task, String metric, String filter, Double value, Double stderr) {
    dsl.insertInto(TASK_METRICS)
        .set(TASK_METRICS.TASK_ID, task)
        .set(TASK_METRICS.METRIC, metric)
        .set(TASK_METRICS.FILTER, filter)
        .set(TASK_METRICS.VALUE, value)
        .set(TASK_METRICS.STDERR, stderr)
        .execute();
    return this;
  }

  Fixture result(long task, Integer samplesProcessed, Double averageExecutionTime) {
    dsl.insertInto(EVALUATION_RESULTS)
        .set(EVALUATION_RESULTS.TASK_ID, task)
        .set(EVALUATION_RESULTS.SAMPLES_PROCESSED, samplesProcessed)
        .set(EVALUATION_RESULTS.AVERAGE_EXECUTION_TIME, averageExecutionTime)
        .execute();
    return this;
  }

  Fixture prediction(
      long task,
      int sampleId,
      String filter,
      String promptHash,
      Boolean correct,
      Double executionTime,
      String prediction) {
    dsl.insertInto(PREDICTIONS)
        .set(PREDICTIONS.TASK_ID, task)
        .set(PREDICTIONS.SAMPLE_ID, sampleId)
        .set(PREDICTIONS.FILTER, filter)
        .set(PREDICTIONS.PROMPT_HASH, promptHash)
        .set(PREDICTIONS.PROMPT, "prompt " + sampleId)
        .set(PREDICTIONS.PREDICTION, prediction)
        .set(PREDICTIONS.GROUND_TRUTH, "truth " + sampleId)
        .set(PREDICTIONS.CORRECT, correct)
        .set(PREDICTIONS.EXECUTION_TIME, executionTime)
        .execute();
    return this;
  }
}
