package io.evalstation.persistence.export;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import io.evalstation.persistence.jooq.tables.records.EvaluationTasksRecord;
import io.evalstation.persistence.jooq.tables.records.PredictionsRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Writes a stored session in the legacy file format ({@code evaluation_session_<key>.json} plus one
 * {@code predictions_<key>_task<N>.json} per task with predictions), so that a session can travel
 * to a machine without database access. Importing the export gives the same rows again: every
 * column is written (unknown legacy fields from {@code extra} back at their level, metric rows as
 * {@code task_metrics}). Predictions are streamed from a cursor; files are written to a temporary
 * name and moved into place when complete.
 */
public final class LegacyExporter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /** What an export wrote. */
  public record ExportResult(
      Path sessionFile, List<Path> predictionFiles, int tasks, long predictions) {}

  private final Database db;

  /** An exporter reading from {@code db}. */
  public LegacyExporter(Database db) {
    this.db = db;
  }

  /**
   * Exports the session with this key (or numeric id) into {@code outDir} (created if missing).
   *
   * @throws IllegalArgumentException when there is no such session
   */
  public ExportResult export(String keyOrId, Path outDir) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
    }
    return db.dsl()
        .transactionResult(
            cfg -> {
              DSLContext tx = cfg.dsl();
              EvaluationSessionsRecord s =
                  tx.selectFrom(EVALUATION_SESSIONS)
                      .where(EVALUATION_SESSIONS.SESSION_KEY.eq(keyOrId))
                      .fetchOne();
              if (s == null && keyOrId.matches("\\d{1,18}")) {
                s =
                    tx.selectFrom(EVALUATION_SESSIONS)
                        .where(EVALUATION_SESSIONS.SESSION_ID.eq(Long.parseLong(keyOrId)))
                        .fetchOne();
              }
              if (s == null) {
                throw new IllegalArgumentException("no session with key or id '" + keyOrId + "'");
              }
              return write(tx, s, outDir);
            });
  }

  private ExportResult write(DSLContext tx, EvaluationSessionsRecord s, Path outDir)
      throws IOException {
    String key = s.getSessionKey();
    String safe = key.replaceAll("[^A-Za-z0-9._-]+", "_");
    List<EvaluationTasksRecord> tasks =
        tx.selectFrom(EVALUATION_TASKS)
            .where(EVALUATION_TASKS.SESSION_ID.eq(s.getSessionId()))
            .orderBy(EVALUATION_TASKS.TASK_INDEX)
            .fetch();
    List<Path> predFiles = new ArrayList<>();
    long predictions = 0;
    Path sessionFile = outDir.resolve("evaluation_session_" + safe + ".json");
    Path tmp = outDir.resolve(sessionFile.getFileName() + ".part");
    JsonFactory f = MAPPER.getFactory();
    try (OutputStream out = Files.newOutputStream(tmp);
        JsonGenerator g = f.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("session_id", key);
      str(g, "category", s.getCategory());
      str(g, "cluster", s.getCluster());
      time(g, "start_time", s.getStartTime());
      time(g, "end_time", s.getEndTime());
      g.writeStringField("status", s.getStatus());
      if (s.getSlurmJobId() != null) {
        g.writeNumberField("slurm_job_id", s.getSlurmJobId());
      }
      str(g, "node_name", s.getNodeName());
      str(g, "gpu_type", s.getGpuType());
      g.writeNumberField("total_tasks", tasks.size());
      g.writeNumberField(
          "success_count", tasks.stream().filter(t -> t.getStatus().equals("completed")).count());
      Set<String> written =
          Set.of(
              "session_id",
              "category",
              "cluster",
              "start_time",
              "end_time",
              "status",
              "slurm_job_id",
              "node_name",
              "gpu_type",
              "total_tasks",
              "success_count",
              "models",
              "datasets",
              "tasks",
              "performance_metrics",
              "provenance");
      object(g, "provenance", s.getProvenance());
      extra(g, s.getExtra(), written);
      // models and datasets the tasks use, from the registries
      g.writeObjectFieldStart("models");
      for (var m :
          tx.selectFrom(MODELS)
              .where(
                  MODELS.MODEL_ID.in(
                      tasks.stream().map(EvaluationTasksRecord::getModelId).toList()))
              .orderBy(MODELS.MODEL_NAME)
              .fetch()) {
        g.writeObjectFieldStart(m.getModelName());
        str(g, "model_family", m.getModelFamily());
        if (m.getParameterCount() != null) {
          g.writeNumberField("parameter_count", m.getParameterCount());
        }
        str(g, "specialization", m.getSpecialization());
        str(g, "backend", m.getBackend());
        str(g, "weights", m.getWeights());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("datasets");
      for (var d :
          tx.selectFrom(DATASETS)
              .where(
                  DATASETS.DATASET_ID.in(
                      tasks.stream().map(EvaluationTasksRecord::getDatasetId).toList()))
              .orderBy(DATASETS.DATASET_NAME)
              .fetch()) {
        g.writeObjectFieldStart(d.getDatasetName());
        str(g, "task_type", d.getTaskType());
        str(g, "category", d.getCategory());
        if (d.getSampleCount() != null) {
          g.writeNumberField("sample_count", d.getSampleCount());
        }
        str(g, "file_path", d.getFilePath());
        str(g, "harness_task", d.getHarnessTask());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("tasks");
      for (EvaluationTasksRecord t : tasks) {
        long n = tx.fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(t.getTaskId()));
        String predName = null;
        if (n > 0) {
          predName = "predictions_" + safe + "_task" + t.getTaskIndex() + ".json";
          predictions += writePredictions(tx, t, key, outDir.resolve(predName));
          predFiles.add(outDir.resolve(predName));
        }
        writeTask(tx, g, t, predName);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("performance_metrics");
      var idx = new java.util.HashMap<Long, Integer>();
      tasks.forEach(t -> idx.put(t.getTaskId(), t.getTaskIndex()));
      for (var p :
          tx.selectFrom(PERFORMANCE_METRICS)
              .where(PERFORMANCE_METRICS.SESSION_ID.eq(s.getSessionId()))
              .orderBy(PERFORMANCE_METRICS.RECORDED_AT, PERFORMANCE_METRICS.METRIC_ID)
              .fetch()) {
        g.writeStartObject();
        time(g, "timestamp", p.getRecordedAt());
        if (p.getTaskId() != null) {
          g.writeNumberField("task_index", idx.get(p.getTaskId()));
        }
        num(g, "gpu_index", p.getGpuIndex() == null ? null : p.getGpuIndex().doubleValue());
        num(g, "gpu_utilization", p.getGpuUtilization());
        num(g, "memory_usage", p.getMemoryUsage());
        num(g, "memory_used_mib", p.getMemoryUsedMib());
        num(g, "throughput", p.getThroughput());
        str(g, "node_name", p.getNodeName());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    Files.move(
        tmp, sessionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new ExportResult(sessionFile, predFiles, tasks.size(), predictions);
  }

  private void writeTask(DSLContext tx, JsonGenerator g, EvaluationTasksRecord t, String predName)
      throws IOException {
    g.writeStartObject();
    g.writeNumberField("task_index", t.getTaskIndex());
    g.writeStringField(
        "model_name", tx.fetchValue(MODELS.MODEL_NAME, MODELS.MODEL_ID.eq(t.getModelId())));
    g.writeStringField(
        "dataset_name",
        tx.fetchValue(DATASETS.DATASET_NAME, DATASETS.DATASET_ID.eq(t.getDatasetId())));
    str(g, "preset", t.getPreset());
    if (t.getSampleLimit() != null) {
      g.writeNumberField("sample_limit", t.getSampleLimit());
    }
    g.writeStringField("priority", t.getPriority());
    g.writeStringField("status", t.getStatus());
    if (t.getStatus().equals("completed") || t.getStatus().equals("failed")) {
      g.writeBooleanField("success", t.getStatus().equals("completed"));
    }
    time(g, "start_time", t.getStartTime());
    time(g, "end_time", t.getEndTime());
    str(g, "error_message", t.getErrorMessage());
    str(g, "failure_cause", t.getFailureCause());
    if (t.getExitCode() != null) {
      g.writeNumberField("exit_code", t.getExitCode());
    }
    if (t.getSlurmJobId() != null) {
      g.writeNumberField("slurm_job_id", t.getSlurmJobId());
    }
    str(g, "node_name", t.getNodeName());
    if (t.getSamplesDone() != null) {
      g.writeNumberField("samples_done", t.getSamplesDone());
    }
    if (t.getSamplesTotal() != null) {
      g.writeNumberField("samples_total", t.getSamplesTotal());
    }
    object(g, "provenance", t.getProvenance());
    ObjectNode extra = parse(t.getExtra());
    JsonNode resultsExtra = extra == null ? null : extra.remove("results_extra");
    extra(
        g,
        extra,
        Set.of(
            "task_index",
            "model_name",
            "dataset_name",
            "preset",
            "sample_limit",
            "priority",
            "status",
            "success",
            "start_time",
            "end_time",
            "error_message",
            "failure_cause",
            "exit_code",
            "slurm_job_id",
            "node_name",
            "samples_done",
            "samples_total",
            "provenance",
            "results",
            "task_metrics",
            "predictions_file",
            "predictions"));
    var r =
        tx.selectFrom(EVALUATION_RESULTS)
            .where(EVALUATION_RESULTS.TASK_ID.eq(t.getTaskId()))
            .fetchOne();
    if (r == null) {
      g.writeNullField("results");
    } else {
      g.writeObjectFieldStart("results");
      if (r.getSamplesProcessed() != null) {
        g.writeNumberField("samples_processed", r.getSamplesProcessed());
      }
      g.writeFieldName("evaluation_metrics");
      g.writeTree(MAPPER.readTree(r.getEvaluationMetrics().data()));
      num(g, "average_execution_time", r.getAverageExecutionTime());
      if (resultsExtra != null && resultsExtra.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = resultsExtra.fields(); it.hasNext(); ) {
          var e = it.next();
          g.writeFieldName(e.getKey());
          g.writeTree(e.getValue());
        }
      }
      g.writeEndObject();
    }
    g.writeArrayFieldStart("task_metrics");
    for (var m :
        tx.selectFrom(TASK_METRICS)
            .where(TASK_METRICS.TASK_ID.eq(t.getTaskId()))
            .orderBy(TASK_METRICS.METRIC, TASK_METRICS.FILTER)
            .fetch()) {
      g.writeStartObject();
      g.writeStringField("metric", m.getMetric());
      g.writeStringField("filter", m.getFilter());
      num(g, "value", m.getValue());
      num(g, "stderr", m.getStderr());
      g.writeEndObject();
    }
    g.writeEndArray();
    str(g, "predictions_file", predName);
    g.writeEndObject();
  }

  private long writePredictions(DSLContext tx, EvaluationTasksRecord t, String key, Path file)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    long n = 0;
    try (OutputStream out = Files.newOutputStream(tmp);
        JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        Cursor<PredictionsRecord> c =
            tx.selectFrom(PREDICTIONS)
                .where(PREDICTIONS.TASK_ID.eq(t.getTaskId()))
                .orderBy(PREDICTIONS.SAMPLE_ID, PREDICTIONS.FILTER)
                .fetchSize(500)
                .fetchLazy()) {
      g.writeStartObject();
      g.writeStringField("session_id", key);
      g.writeNumberField("task_index", t.getTaskIndex());
      g.writeArrayFieldStart("predictions");
      Set<String> known =
          Set.of(
              "sample_id",
              "filter",
              "prompt_hash",
              "doc_hash",
              "prompt",
              "prediction",
              "filtered_prediction",
              "ground_truth",
              "correct",
              "execution_time",
              "sample_metrics");
      while (c.hasNext()) {
        PredictionsRecord p = c.fetchNext();
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeNumberField("sample_id", p.getSampleId());
        g.writeStringField("filter", p.getFilter());
        str(g, "prompt_hash", p.getPromptHash());
        str(g, "doc_hash", p.getDocHash());
        str(g, "prompt", p.getPrompt());
        g.writeStringField("prediction", p.getPrediction());
        str(g, "filtered_prediction", p.getFilteredPrediction());
        str(g, "ground_truth", p.getGroundTruth());
        if (p.getCorrect() != null) {
          g.writeBooleanField("correct", p.getCorrect());
        }
        num(g, "execution_time", p.getExecutionTime());
        if (p.getSampleMetrics() != null) {
          g.writeFieldName("sample_metrics");
          g.writeTree(MAPPER.readTree(p.getSampleMetrics().data()));
        }
        extra(g, p.getExtra(), known);
        g.writeEndObject();
        n++;
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return n;
  }

  private static ObjectNode parse(JSONB j) throws IOException {
    if (j == null) {
      return null;
    }
    JsonNode n = MAPPER.readTree(j.data());
    return n instanceof ObjectNode o ? o : null;
  }

  private static void extra(JsonGenerator g, JSONB extra, Set<String> skip) throws IOException {
    extra(g, parse(extra), skip);
  }

  private static void extra(JsonGenerator g, ObjectNode extra, Set<String> skip)
      throws IOException {
    if (extra == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!skip.contains(e.getKey())) {
        g.writeFieldName(e.getKey());
        g.writeTree(e.getValue());
      }
    }
  }

  private static void object(JsonGenerator g, String name, JSONB value) throws IOException {
    ObjectNode o = parse(value);
    if (o != null && !o.isEmpty()) {
      g.writeFieldName(name);
      g.writeTree(o);
    }
  }

  private static void str(JsonGenerator g, String name, String v) throws IOException {
    if (v != null) {
      g.writeStringField(name, v);
    }
  }

  private static void num(JsonGenerator g, String name, Double v) throws IOException {
    if (v != null) {
      g.writeNumberField(name, v);
    }
  }

  private static void time(JsonGenerator g, String name, OffsetDateTime t) throws IOException {
    if (t != null) {
      g.writeStringField(name, t.withOffsetSameInstant(ZoneOffset.UTC).format(TIME));
    }
  }
}
