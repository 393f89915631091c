package io.evalstation.persistence.db;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.persistence.TestDatabase;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every constraint of the schema rejects what it should, on a real PostgreSQL. */
class SchemaConstraintsTest {
  @TempDir static Path dir;
  static Database db;
  DSLContext dsl;
  long modelId;
  long datasetId;
  long sessionId;

  @BeforeAll
  static void open() {
    db = TestDatabase.open(dir);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void fixtures() {
    dsl = db.dsl();
    dsl.deleteFrom(EVALUATION_SESSIONS).execute();
    dsl.deleteFrom(MODELS).execute();
    dsl.deleteFrom(DATASETS).execute();
    modelId =
        dsl.insertInto(MODELS)
            .set(MODELS.MODEL_NAME, "qwen3_8b")
            .returning()
            .fetchOne()
            .getModelId();
    datasetId =
        dsl.insertInto(DATASETS)
            .set(DATASETS.DATASET_NAME, "humaneval")
            .returning()
            .fetchOne()
            .getDatasetId();
    sessionId = session("s1", "legacy", "a");
  }

  long session(String key, String kind, String identity) {
    return dsl.insertInto(EVALUATION_SESSIONS)
        .set(EVALUATION_SESSIONS.SESSION_KEY, key)
        .set(EVALUATION_SESSIONS.SOURCE_KIND, kind)
        .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, identity)
        .set(EVALUATION_SESSIONS.STATUS, "completed")
        .returning()
        .fetchOne()
        .getSessionId();
  }

  long task(int index, String status) {
    return dsl.insertInto(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.SESSION_ID, sessionId)
        .set(EVALUATION_TASKS.TASK_INDEX, index)
        .set(EVALUATION_TASKS.MODEL_ID, modelId)
        .set(EVALUATION_TASKS.DATASET_ID, datasetId)
        .set(EVALUATION_TASKS.STATUS, status)
        .returning()
        .fetchOne()
        .getTaskId();
  }

  static void assertRejectedBy(String constraint, Runnable insert) {
    assertThatThrownBy(insert::run)
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining(constraint);
  }

  @Test
  void migratesFromEmptyToTheLatestVersion() {
    assertThat(db.schemaVersion()).contains(db.latestKnownVersion());
    assertThat(
            dsl.resultQuery("select count(*) from flyway_schema_history where not success")
                .fetchOne(0, Integer.class))
        .isZero();
    assertThat(
            dsl.resultQuery("select max(version::int) from flyway_schema_history")
                .fetchOne(0, Integer.class))
        .isEqualTo(Integer.parseInt(db.latestKnownVersion()));
  }

  @Test
  void ownerDefaultsToTheDatabaseUserAndVersionStartsAtZero() {
    var s =
        dsl.selectFrom(EVALUATION_SESSIONS)
            .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
            .fetchOne();
    assertThat(s.getOwner()).isEqualTo(EmbeddedDatabase.USER);
    assertThat(s.getRowVersion()).isZero();
    assertThat(s.getCreatedAt()).isNotNull();
  }

  @Test
  void sessionStatusAndSourceAreConstrained() {
    assertRejectedBy(
        "evaluation_sessions_status_ck",
        () ->
            dsl.insertInto(EVALUATION_SESSIONS)
                .set(EVALUATION_SESSIONS.SESSION_KEY, "x")
                .set(EVALUATION_SESSIONS.SOURCE_KIND, "legacy")
                .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "x")
                .set(EVALUATION_SESSIONS.STATUS, "done")
                .execute());
    assertRejectedBy("evaluation_sessions_source_kind_ck", () -> session("y", "csv", "y"));
    assertRejectedBy("evaluation_sessions_source_uk", () -> session("other-key", "legacy", "a"));
    assertRejectedBy("evaluation_sessions_key_uk", () -> session("s1", "lm_eval", "b"));
    assertRejectedBy(
        "evaluation_sessions_times_ck",
        () ->
            dsl.update(EVALUATION_SESSIONS)
                .set(EVALUATION_SESSIONS.START_TIME, OffsetDateTime.parse("2025-01-02T00:00:00Z"))
                .set(EVALUATION_SESSIONS.END_TIME, OffsetDateTime.parse("2025-01-01T00:00:00Z"))
                .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
                .execute());
  }

  @Test
  void taskStatusCauseAndJobAreConstrained() {
    assertRejectedBy("evaluation_tasks_status_ck", () -> task(0, "done"));
    assertRejectedBy("evaluation_tasks_failed_has_cause_ck", () -> task(0, "failed"));
    assertRejectedBy("evaluation_tasks_queued_has_job_ck", () -> task(0, "queued"));
    task(0, "pending");
    assertRejectedBy("evaluation_tasks_session_index_uk", () -> task(0, "pending"));
    assertRejectedBy("evaluation_tasks_index_ck", () -> task(-1, "pending"));
    assertRejectedBy(
        "evaluation_tasks_failure_cause_ck",
        () ->
            dsl.update(EVALUATION_TASKS)
                .set(EVALUATION_TASKS.STATUS, "failed")
                .set(EVALUATION_TASKS.FAILURE_CAUSE, "BAD_LUCK")
                .execute());
    assertRejectedBy(
        "evaluation_tasks_priority_ck",
        () -> dsl.update(EVALUATION_TASKS).set(EVALUATION_TASKS.PRIORITY, "urgent").execute());
    assertRejectedBy(
        "evaluation_tasks_sample_limit_ck",
        () -> dsl.update(EVALUATION_TASKS).set(EVALUATION_TASKS.SAMPLE_LIMIT, 0).execute());
  }

  @Test
  void registriesRejectBlankAndDuplicateNamesAndNonsenseCounts() {
    assertRejectedBy(
        "models_name_uk",
        () -> dsl.insertInto(MODELS).set(MODELS.MODEL_NAME, "qwen3_8b").execute());
    assertRejectedBy(
        "models_name_not_blank_ck",
        () -> dsl.insertInto(MODELS).set(MODELS.MODEL_NAME, "  ").execute());
    assertRejectedBy(
        "models_parameter_count_ck",
        () ->
            dsl.insertInto(MODELS)
                .set(MODELS.MODEL_NAME, "m")
                .set(MODELS.PARAMETER_COUNT, 0L)
                .execute());
    assertRejectedBy(
        "datasets_sample_count_ck",
        () ->
            dsl.insertInto(DATASETS)
                .set(DATASETS.DATASET_NAME, "d")
                .set(DATASETS.SAMPLE_COUNT, -1)
                .execute());
  }

  @Test
  void modelsInUseCannotBeDeletedButSessionsCascade() {
    long taskId = task(0, "completed");
    dsl.insertInto(EVALUATION_RESULTS)
        .set(EVALUATION_RESULTS.TASK_ID, taskId)
        .set(EVALUATION_RESULTS.EVALUATION_METRICS, JSONB.valueOf("{\"pass_at_1\": 0.7}"))
        .execute();
    dsl.insertInto(TASK_METRICS)
        .set(TASK_METRICS.TASK_ID, taskId)
        .set(TASK_METRICS.METRIC, "pass_at_1")
        .set(TASK_METRICS.VALUE, 0.7)
        .execute();
    dsl.insertInto(PREDICTIONS)
        .set(PREDICTIONS.TASK_ID, taskId)
        .set(PREDICTIONS.SAMPLE_ID, 0)
        .set(PREDICTIONS.PREDICTION, "def f(): pass")
        .execute();
    dsl.insertInto(PERFORMANCE_METRICS)
        .set(PERFORMANCE_METRICS.SESSION_ID, sessionId)
        .set(PERFORMANCE_METRICS.TASK_ID, taskId)
        .set(PERFORMANCE_METRICS.RECORDED_AT, OffsetDateTime.now())
        .set(PERFORMANCE_METRICS.GPU_UTILIZATION, 87.5)
        .execute();

    assertRejectedBy("evaluation_tasks_model_fk", () -> dsl.deleteFrom(MODELS).execute());
    assertRejectedBy(
        "predictions_task_sample_uk",
        () ->
            dsl.insertInto(PREDICTIONS)
                .set(PREDICTIONS.TASK_ID, taskId)
                .set(PREDICTIONS.SAMPLE_ID, 0)
                .execute());
    assertRejectedBy(
        "evaluation_results_task_uk",
        () -> dsl.insertInto(EVALUATION_RESULTS).set(EVALUATION_RESULTS.TASK_ID, taskId).execute());
    assertRejectedBy(
        "task_metrics_pk",
        () ->
            dsl.insertInto(TASK_METRICS)
                .set(TASK_METRICS.TASK_ID, taskId)
                .set(TASK_METRICS.METRIC, "pass_at_1")
                .execute());
    assertRejectedBy(
        "task_metrics_stderr_ck",
        () ->
            dsl.insertInto(TASK_METRICS)
                .set(TASK_METRICS.TASK_ID, taskId)
                .set(TASK_METRICS.METRIC, "acc")
                .set(TASK_METRICS.STDERR, -0.1)
                .execute());
    assertRejectedBy(
        "performance_metrics_gpu_util_ck",
        () ->
            dsl.insertInto(PERFORMANCE_METRICS)
                .set(PERFORMANCE_METRICS.SESSION_ID, sessionId)
                .set(PERFORMANCE_METRICS.RECORDED_AT, OffsetDateTime.now())
                .set(PERFORMANCE_METRICS.GPU_UTILIZATION, 140.0)
                .execute());

    dsl.deleteFrom(EVALUATION_SESSIONS)
        .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
        .execute();
    assertThat(dsl.fetchCount(EVALUATION_TASKS)).isZero();
    assertThat(dsl.fetchCount(PREDICTIONS)).isZero();
    assertThat(dsl.fetchCount(TASK_METRICS)).isZero();
    assertThat(dsl.fetchCount(EVALUATION_RESULTS)).isZero();
    assertThat(dsl.fetchCount(PERFORMANCE_METRICS)).isZero();
    assertThat(dsl.fetchCount(MODELS)).isEqualTo(1);
  }

  @Test
  void updatesTouchUpdatedAt() throws InterruptedException {
    var before =
        dsl.fetchValue(
            EVALUATION_SESSIONS.UPDATED_AT, EVALUATION_SESSIONS.SESSION_ID.eq(sessionId));
    Thread.sleep(5);
    dsl.update(EVALUATION_SESSIONS)
        .set(EVALUATION_SESSIONS.CATEGORY, "coding")
        .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
        .execute();
    var after =
        dsl.fetchValue(
            EVALUATION_SESSIONS.UPDATED_AT, EVALUATION_SESSIONS.SESSION_ID.eq(sessionId));
    assertThat(after).isAfter(before);
  }
}
