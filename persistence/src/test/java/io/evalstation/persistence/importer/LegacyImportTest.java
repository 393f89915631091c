package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import io.evalstation.persistence.jooq.tables.records.EvaluationTasksRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every quirk of docs/formats/legacy-session.md, on the real embedded PostgreSQL. */
class LegacyImportTest {
  @TempDir static Path dbDir;
  static Database db;
  static final ObjectMapper OM = new ObjectMapper();
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @BeforeAll
  static void open() {
    db = TestDatabase.open(dbDir);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static ImportReport importAll(Path... paths) {
    return new Importer(db, new ImportOptions(BERLIN)).importPaths(List.of(paths));
  }

  static EvaluationSessionsRecord session(String key) {
    return db.dsl()
        .selectFrom(EVALUATION_SESSIONS)
        .where(EVALUATION_SESSIONS.SESSION_KEY.eq(key))
        .fetchOne();
  }

  static List<EvaluationTasksRecord> tasks(long sessionId) {
    return db.dsl()
        .selectFrom(EVALUATION_TASKS)
        .where(EVALUATION_TASKS.SESSION_ID.eq(sessionId))
        .orderBy(EVALUATION_TASKS.TASK_INDEX)
        .fetch();
  }

  static Double metric(long taskId, String metric) {
    return db.dsl()
        .select(TASK_METRICS.VALUE)
        .from(TASK_METRICS)
        .where(TASK_METRICS.TASK_ID.eq(taskId), TASK_METRICS.METRIC.eq(metric))
        .fetchOne(TASK_METRICS.VALUE);
  }

  @Test
  void oldStyleSessionWithEveryQuirk(@TempDir Path dir) throws Exception {
    // no models/datasets maps, no task_index, embedded predictions, pass@1, NaN, "0.70",
    // unknown fields at every level, times in four forms, a CUDA OOM and a time limit failure
    Files.writeString(
        dir.resolve("evaluation_session_20240101_010101.json"),
        """
        {"session_id": "20240101_010101", "category": "quirks",
         "start_time": "2024-01-01 01:01:01.123456", "end_time": "2024-01-01T05:00:00Z",
         "status": "completed", "slurm_job_id": "4821137", "lab_notes": {"by": "ana", "ok": [1, 2]},
         "tasks": [
          {"model_name": "old_7b", "dataset_name": "humaneval", "start_time": "2024-01-01T01:02:00+02:00",
           "end_time": "2024-01-01T02:00:00", "success": true, "gpu_hours": 1.5,
           "results": {"samples_processed": 3, "evaluation_metrics": {"pass@1": "0.70", "bleu": NaN, "note": {"x": 1}},
                       "average_execution_time": 1.5, "judge": "v2"},
           "predictions": [
             {"sample_id": 0, "prompt_hash": "h0", "prediction": "def f():\\n\\treturn 1", "ground_truth": "x", "correct": true, "execution_time": "1.25", "tokens": 17},
             {"sample_id": 1, "prompt_hash": "h1", "prediction": "a\\\\b \\"q\\" ü 日本 \\u00e9", "ground_truth": "y", "execution_time": NaN},
             {"sample_id": "HumanEval/2", "prompt_hash": "h2", "prediction": "", "ground_truth": null, "correct": false}
           ]},
          {"model_name": "old_7b", "dataset_name": "mbpp", "success": false,
           "start_time": "2024-01-01T02:00:00", "end_time": "2024-01-01T02:05:00",
           "error_message": "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB", "results": null},
          {"model_name": "old_7b", "dataset_name": "gsm8k", "success": false,
           "error_message": "DUE TO TIME LIMIT", "results": {"evaluation_metrics": {"pass_at_1": 0.1}}}
         ]}
        """);
    ImportReport r = importAll(dir);
    assertThat(r.units())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.outcome()).as(u.reason()).isEqualTo(ImportOutcome.IMPORTED);
              assertThat(u.predictions()).isEqualTo(3);
              assertThat(u.tasks()).isEqualTo(3);
            });
    EvaluationSessionsRecord s = session("20240101_010101");
    assertThat(s.getSourceKind()).isEqualTo("legacy");
    assertThat(s.getCategory()).isEqualTo("quirks");
    assertThat(s.getSlurmJobId()).isEqualTo(4821137L);
    assertThat(s.getStartTime().toInstant())
        .isEqualTo(OffsetDateTime.of(2024, 1, 1, 0, 1, 1, 123_456_000, ZoneOffset.UTC).toInstant());
    assertThat(s.getEndTime().toInstant())
        .isEqualTo(OffsetDateTime.of(2024, 1, 1, 5, 0, 0, 0, ZoneOffset.UTC).toInstant());
    assertThat(OM.readTree(s.getExtra().data()).get("lab_notes"))
        .isEqualTo(OM.readTree("{\"by\": \"ana\", \"ok\": [1, 2]}"));
    List<EvaluationTasksRecord> t = tasks(s.getSessionId());
    assertThat(t).extracting(EvaluationTasksRecord::getTaskIndex).containsExactly(1, 2, 3);
    assertThat(t.get(0).getStartTime().toInstant())
        .isEqualTo(OffsetDateTime.parse("2023-12-31T23:02:00Z").toInstant());
    assertThat(t.get(0).getEndTime().toInstant())
        .isEqualTo(OffsetDateTime.parse("2024-01-01T01:00:00Z").toInstant());
    assertThat(t.get(0).getStatus()).isEqualTo("completed");
    assertThat(OM.readTree(t.get(0).getExtra().data()).get("gpu_hours").doubleValue())
        .isEqualTo(1.5);
    assertThat(OM.readTree(t.get(0).getExtra().data()).path("results_extra").path("judge").asText())
        .isEqualTo("v2");
    assertThat(t.get(1).getStatus()).isEqualTo("failed");
    assertThat(t.get(1).getFailureCause()).isEqualTo("OUT_OF_MEMORY");
    assertThat(t.get(1).getErrorMessage()).contains("CUDA out of memory");
    assertThat(t.get(2).getFailureCause()).isEqualTo("TIME_LIMIT");
    long t1 = t.get(0).getTaskId();
    assertThat(metric(t1, "pass_at_1")).isEqualTo(0.70);
    assertThat(
            db.dsl()
                .fetchCount(
                    TASK_METRICS,
                    TASK_METRICS.TASK_ID.eq(t1),
                    TASK_METRICS.METRIC.eq("bleu"),
                    TASK_METRICS.VALUE.isNull()))
        .isEqualTo(1);
    assertThat(
            db.dsl()
                .fetchCount(
                    TASK_METRICS, TASK_METRICS.TASK_ID.eq(t1), TASK_METRICS.METRIC.eq("note")))
        .isZero();
    assertThat(metric(t.get(2).getTaskId(), "pass_at_1")).isEqualTo(0.1);
    JsonNode raw =
        OM.readTree(
            db.dsl()
                .fetchValue(
                    EVALUATION_RESULTS.EVALUATION_METRICS, EVALUATION_RESULTS.TASK_ID.eq(t1))
                .data());
    assertThat(raw.get("pass@1").asText()).isEqualTo("0.70");
    assertThat(raw.get("bleu").asText()).isEqualTo("NaN");
    assertThat(
            db.dsl()
                .fetchValue(
                    EVALUATION_RESULTS.SAMPLES_PROCESSED, EVALUATION_RESULTS.TASK_ID.eq(t1)))
        .isEqualTo(3);
    var preds =
        db.dsl()
            .selectFrom(PREDICTIONS)
            .where(PREDICTIONS.TASK_ID.eq(t1))
            .orderBy(PREDICTIONS.SAMPLE_ID)
            .fetch();
    assertThat(preds).hasSize(3);
    assertThat(preds.get(0).getPrediction()).isEqualTo("def f():\n\treturn 1");
    assertThat(preds.get(0).getCorrect()).isTrue();
    assertThat(preds.get(0).getExecutionTime()).isEqualTo(1.25);
    assertThat(OM.readTree(preds.get(0).getExtra().data()).get("tokens").intValue()).isEqualTo(17);
    assertThat(preds.get(1).getPrediction()).isEqualTo("a\\b \"q\" ü 日本 é");
    assertThat(preds.get(1).getCorrect()).as("missing correct is unknown").isNull();
    assertThat(preds.get(1).getExecutionTime()).isNaN();
    assertThat(preds.get(2).getPrediction()).isEqualTo("");
    assertThat(preds.get(2).getGroundTruth()).isNull();
    assertThat(preds.get(2).getCorrect()).isFalse();
    assertThat(OM.readTree(preds.get(2).getExtra().data()).get("source_sample_id").asText())
        .isEqualTo("HumanEval/2");
    assertThat(db.dsl().fetchCount(MODELS, MODELS.MODEL_NAME.eq("old_7b"))).isEqualTo(1);
  }

  @Test
  void modernSessionWithPredictionFilesAndPerformanceSamples(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("evaluation_session_20250919_042241.json"),
        """
        {"session_id": "20250919_042241", "category": "coding_specialists",
         "start_time": "2025-09-19T04:22:41", "end_time": "2025-09-19T07:51:02", "status": "completed",
         "node_name": "gpu-h100-017", "gpu_type": "H100", "total_tasks": 2, "success_count": 2,
         "models": {"qwen3_8b": {"model_family": "qwen3", "parameter_count": 8190735360, "specialization": "general", "backend": "vllm"}},
         "datasets": {"humaneval": {"task_type": "code_generation", "category": "coding", "sample_count": 164, "file_path": "data/humaneval.jsonl"}},
         "tasks": [
          {"task_index": 1, "model_name": "qwen3_8b", "dataset_name": "humaneval", "preset": "balanced", "sample_limit": 164,
           "start_time": "2025-09-19T04:22:45", "end_time": "2025-09-19T05:10:12", "success": true, "error_message": null,
           "results": {"samples_processed": 2, "evaluation_metrics": {"pass_at_1": 0.5, "accuracy": 0.5}, "average_execution_time": 1.84},
           "predictions_file": "predictions_20250919_042241_task1.json"},
          {"task_index": 2, "model_name": "qwen3_8b", "dataset_name": "mbpp", "success": true,
           "results": {"samples_processed": 1, "evaluation_metrics": {"pass_at_1": 1.0}}}
         ],
         "performance_metrics": [
          {"timestamp": "2025-09-19T04:23:00", "gpu_utilization": 87.5, "memory_usage": 61.2, "throughput": 12.4, "node_name": "gpu-h100-017"},
          {"timestamp": "2025-09-19T04:24:00", "gpu_utilization": 91.0, "memory_usage": 62.0, "throughput": 13.1, "node_name": "gpu-h100-017"}
         ]}
        """);
    Files.writeString(
        dir.resolve("predictions_20250919_042241_task1.json"),
        """
        {"session_id": "20250919_042241", "task_index": 1, "model_name": "qwen3_8b", "dataset_name": "humaneval",
         "predictions": [
          {"sample_id": 0, "prompt_hash": "p0", "prediction": "tab\\there\\nnewline\\r\\ncrlf", "ground_truth": "g", "execution_time": 1.12, "correct": true},
          {"sample_id": 1, "prompt_hash": "p1", "prediction": "back\\\\slash \\\\N ,comma, \\"quote\\" 🙂", "ground_truth": "\\\\.", "correct": false}
         ]}
        """);
    // task 2's predictions found by the stamp in the name (no reference in the session)
    Files.writeString(
        dir.resolve("predictions_20250919_042241_task2.json"),
        """
        {"predictions": [{"sample_id": 7, "prediction": "x", "correct": true}], "session_id": "20250919_042241", "task_index": 2}
        """);
    Files.writeString(dir.resolve("README.txt"), "not ours");
    ImportReport r = importAll(dir);
    assertThat(r.units())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.outcome()).as(u.reason()).isEqualTo(ImportOutcome.IMPORTED);
              assertThat(u.files()).hasSize(3);
              assertThat(u.predictions()).isEqualTo(3);
            });
    EvaluationSessionsRecord s = session("20250919_042241");
    assertThat(s.getStartTime().toInstant())
        .isEqualTo(OffsetDateTime.parse("2025-09-19T02:22:41Z").toInstant());
    assertThat(s.getNodeName()).isEqualTo("gpu-h100-017");
    var t = tasks(s.getSessionId());
    var preds =
        db.dsl()
            .selectFrom(PREDICTIONS)
            .where(PREDICTIONS.TASK_ID.eq(t.get(0).getTaskId()))
            .orderBy(PREDICTIONS.SAMPLE_ID)
            .fetch();
    assertThat(preds.get(0).getPrediction()).isEqualTo("tab\there\nnewline\r\ncrlf");
    assertThat(preds.get(1).getPrediction()).isEqualTo("back\\slash \\N ,comma, \"quote\" 🙂");
    assertThat(preds.get(1).getGroundTruth()).isEqualTo("\\.");
    assertThat(db.dsl().fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(t.get(1).getTaskId())))
        .isEqualTo(1);
    assertThat(
            db.dsl()
                .fetchCount(
                    PERFORMANCE_METRICS, PERFORMANCE_METRICS.SESSION_ID.eq(s.getSessionId())))
        .isEqualTo(2);
    var m = db.dsl().selectFrom(MODELS).where(MODELS.MODEL_NAME.eq("qwen3_8b")).fetchOne();
    assertThat(m.getModelFamily()).isEqualTo("qwen3");
    assertThat(m.getParameterCount()).isEqualTo(8190735360L);
  }

  @Test
  void crashedSessionIsStoredAsFailedWithItsUnfinishedTask(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("evaluation_session_20250101_000000.json"),
        """
        {"session_id": "20250101_000000", "start_time": "2025-01-01T00:00:00", "status": "running",
         "tasks": [
          {"task_index": 1, "model_name": "m", "dataset_name": "d", "success": true, "end_time": "2025-01-01T01:00:00",
           "results": {"evaluation_metrics": {"accuracy": 0.5}}},
          {"task_index": 2, "model_name": "m", "dataset_name": "d2", "start_time": "2025-01-01T01:00:00"}
         ]}
        """);
    ImportReport r = importAll(dir);
    assertThat(r.units().get(0).outcome())
        .as(r.units().get(0).reason())
        .isEqualTo(ImportOutcome.IMPORTED);
    EvaluationSessionsRecord s = session("20250101_000000");
    assertThat(s.getStatus()).isEqualTo("failed");
    assertThat(s.getEndTime()).isNull();
    assertThat(OM.readTree(s.getExtra().data()).get("legacy_status").asText()).isEqualTo("running");
    var t = tasks(s.getSessionId());
    assertThat(t.get(0).getStatus()).isEqualTo("completed");
    assertThat(t.get(1).getStatus()).isEqualTo("failed");
    assertThat(t.get(1).getFailureCause()).isEqualTo("ERROR");
    assertThat(t.get(1).getErrorMessage()).contains("ended before this task finished");
  }

  @Test
  void truncatedSessionIsReportedWithPositionAndTheRestImports(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("a").resolve("evaluation_session_20250202_000000.json");
    Files.createDirectories(bad.getParent());
    String full =
        """
        {"session_id": "20250202_000000", "start_time": "2025-02-02T00:00:00", "status": "completed",
         "tasks": [{"task_index": 1, "model_name": "m", "dataset_name": "d", "success": true,
           "predictions": [{"sample_id": 0, "prediction": "p"}, {"sample_id": 1, "prediction": "q"}]}]}
        """;
    Files.writeString(bad, full.substring(0, full.indexOf("\"q\"")));
    Path good = dir.resolve("b").resolve("evaluation_session_20250202_000001.json");
    Files.createDirectories(good.getParent());
    Files.writeString(good, full.replace("20250202_000000", "20250202_000001"));
    ImportReport r = importAll(dir);
    assertThat(r.units()).hasSize(2);
    UnitReport failed =
        r.units().stream()
            .filter(u -> u.outcome() == ImportOutcome.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.mainFile()).isEqualTo(bad);
    assertThat(failed.reason()).contains(bad.toString()).contains("line 3").contains("truncated");
    assertThat(session("20250202_000000")).isNull();
    assertThat(session("20250202_000001")).isNotNull();
    assertThat(r.anyFailed()).isTrue();
  }

  @Test
  void reimportIsUnchangedAndAChangedFileReplacesTheSession(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("evaluation_session_20250303_000000.json");
    String v1 =
        """
        {"session_id": "20250303_000000", "start_time": "2025-03-03T00:00:00", "end_time": "2025-03-03T01:00:00",
         "tasks": [{"task_index": 1, "model_name": "m", "dataset_name": "d", "success": true,
           "results": {"evaluation_metrics": {"accuracy": 0.25}},
           "predictions": [{"sample_id": 0, "prediction": "p"}, {"sample_id": 1, "prediction": "q"}]}]}
        """;
    Files.writeString(f, v1);
    assertThat(importAll(dir).units().get(0).outcome()).isEqualTo(ImportOutcome.IMPORTED);
    long id = session("20250303_000000").getSessionId();
    ImportReport again = importAll(dir);
    assertThat(again.units().get(0).outcome()).isEqualTo(ImportOutcome.UNCHANGED);
    assertThat(again.anyFailed()).isFalse();
    assertThat(session("20250303_000000").getSessionId()).isEqualTo(id);
    Files.writeString(
        f,
        v1.replace("0.25", "0.75")
            .replace(
                "{\"sample_id\": 1, \"prediction\": \"q\"}",
                "{\"sample_id\": 1, \"prediction\": \"r\"}, {\"sample_id\": 2, \"prediction\": \"s\"}"));
    ImportReport changed = importAll(dir);
    assertThat(changed.units().get(0).outcome()).isEqualTo(ImportOutcome.REPLACED);
    EvaluationSessionsRecord s = session("20250303_000000");
    assertThat(
            db.dsl()
                .fetchCount(
                    EVALUATION_SESSIONS, EVALUATION_SESSIONS.SOURCE_IDENTITY.eq("20250303_000000")))
        .isEqualTo(1);
    var t = tasks(s.getSessionId());
    assertThat(t).hasSize(1);
    assertThat(metric(t.get(0).getTaskId(), "accuracy")).isEqualTo(0.75);
    assertThat(db.dsl().fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(t.get(0).getTaskId())))
        .isEqualTo(3);
  }

  @Test
  void sameSessionIdInAnotherCategoryGetsASuffixedKey(@TempDir Path dir) throws Exception {
    String body =
        """
        {"session_id": "20250404_000000", "category": "CAT", "start_time": "2025-04-04T00:00:00",
         "tasks": [{"model_name": "m", "dataset_name": "d", "success": true}]}
        """;
    Files.createDirectories(dir.resolve("x"));
    Files.createDirectories(dir.resolve("y"));
    Files.writeString(
        dir.resolve("x/evaluation_session_20250404_000000.json"), body.replace("CAT", "coding"));
    Files.writeString(
        dir.resolve("y/evaluation_session_20250404_000000.json"), body.replace("CAT", "math"));
    ImportReport r = importAll(dir);
    assertThat(r.units()).extracting(UnitReport::outcome).containsOnly(ImportOutcome.IMPORTED);
    assertThat(r.units())
        .extracting(UnitReport::sessionKey)
        .containsExactlyInAnyOrder("20250404_000000", "20250404_000000-2");
  }

  @Test
  void predictionsFileWithoutItsSessionIsReported(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("predictions_20990101_000000_task1.json");
    Files.writeString(
        p, "{\"session_id\": \"20990101_000000\", \"task_index\": 1, \"predictions\": []}");
    ImportReport r = importAll(dir);
    assertThat(r.units())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.outcome()).isEqualTo(ImportOutcome.FAILED);
              assertThat(u.reason()).contains("without its session file");
            });
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
