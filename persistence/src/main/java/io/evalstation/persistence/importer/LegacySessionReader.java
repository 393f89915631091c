package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.FailureCause;
import io.evalstation.model.MetricKey;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.repo.RegistryRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Reads a legacy session file as a stream and writes it into the open transaction: the session row
 * first (completed at the end, since its fields may come in any order), each task when its object
 * ends (its id reserved when it starts, so embedded predictions can be COPYed before the task row
 * exists — the foreign key is deferred), performance samples at the end.
 */
final class LegacySessionReader {
  private static final Set<String> TASK_STATUSES =
      Set.of("pending", "queued", "running", "completed", "failed", "cancelled");

  private final DSLContext tx;
  private final PGConnection pg;
  private final ZoneId zone;
  private final ProgressTracker progress;
  private final RegistryRepository registry;
  private final long sessionId;
  private Path file;

  /** task_index → task id of the tasks read. */
  final Map<Integer, Long> taskIds = new HashMap<>();

  /** predictions_file reference → task id. */
  final Map<String, Long> refs = new HashMap<>();

  int tasks;
  long predictions;

  private final Map<String, Long> modelIds = new HashMap<>();
  private final Map<String, Long> datasetIds = new HashMap<>();

  LegacySessionReader(
      DSLContext tx, PGConnection pg, ZoneId zone, ProgressTracker progress, long sessionId) {
    this.tx = tx;
    this.pg = pg;
    this.zone = zone;
    this.progress = progress;
    this.registry = new RegistryRepository(tx);
    this.sessionId = sessionId;
  }

  // ---------------------------------------------------------------- session

  void readSession(Path file, InputStream in) {
    this.file = file;
    JsonParser p = null;
    try {
      p = JsonSupport.MAPPER.createParser(in);
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "the session", "an object");
      ObjectNode extra = JsonSupport.MAPPER.createObjectNode();
      ObjectNode provenance = JsonSupport.MAPPER.createObjectNode();
      String status = null;
      String category = null;
      String cluster = null;
      String node = null;
      String gpu = null;
      Long jobId = null;
      OffsetDateTime start = null;
      OffsetDateTime end = null;
      List<ObjectNode> perf = new ArrayList<>();
      int ordinal = 0;
      boolean anyFailed = false;
      boolean anyUnfinished = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        JsonToken v = p.nextToken();
        switch (k) {
          case "session_id" -> scalar(p, k);
          case "category" -> category = scalar(p, k);
          case "cluster" -> cluster = scalar(p, k);
          case "status" -> status = scalar(p, k);
          case "node_name" -> node = scalar(p, k);
          case "gpu_type" -> gpu = scalar(p, k);
          case "slurm_job_id" -> jobId = longValue(p, k);
          case "start_time" -> start = time(p, k);
          case "end_time" -> end = time(p, k);
          case "provenance" -> provenance = object(p, k);
          case "models" -> readModels(p);
          case "datasets" -> readDatasets(p);
          case "tasks" -> {
            if (v == JsonToken.VALUE_NULL) {
              break;
            }
            expect(p, v, JsonToken.START_ARRAY, k, "an array of tasks");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              expect(
                  p,
                  p.currentToken(),
                  JsonToken.START_OBJECT,
                  "tasks[" + ordinal + "]",
                  "a task object");
              ordinal++;
              String st = readTask(p, ordinal);
              anyFailed |= st.equals("failed");
              anyUnfinished |= st.equals("unfinished");
            }
          }
          case "performance_metrics" -> {
            if (v == JsonToken.VALUE_NULL) {
              break;
            }
            expect(p, v, JsonToken.START_ARRAY, k, "an array of samples");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              expect(p, p.currentToken(), JsonToken.START_OBJECT, k, "a sample object");
              perf.add(p.readValueAsTree());
            }
          }
          default -> extra.set(k, p.readValueAsTree());
        }
        progress.checkCancelled();
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new ImportException(
            file, JsonSupport.position(p), "expected a field name or }", null);
      }
      if (p.nextToken() != null) {
        throw new ImportException(
            file, JsonSupport.position(p), "data after the end of the session", null);
      }
      String dbStatus = sessionStatus(status, end, anyFailed, anyUnfinished, extra);
      insertPerf(perf);
      tx.update(EVALUATION_SESSIONS)
          .set(EVALUATION_SESSIONS.CATEGORY, category)
          .set(EVALUATION_SESSIONS.CLUSTER, cluster)
          .set(EVALUATION_SESSIONS.STATUS, dbStatus)
          .set(EVALUATION_SESSIONS.NODE_NAME, node)
          .set(EVALUATION_SESSIONS.GPU_TYPE, gpu)
          .set(EVALUATION_SESSIONS.SLURM_JOB_ID, jobId)
          .set(EVALUATION_SESSIONS.START_TIME, start)
          .set(EVALUATION_SESSIONS.END_TIME, end)
          .set(EVALUATION_SESSIONS.PROVENANCE, JsonSupport.jsonbObject(provenance))
          .set(EVALUATION_SESSIONS.EXTRA, JsonSupport.jsonbObject(extra))
          .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
          .execute();
    } catch (IOException e) {
      throw JsonSupport.failure(file, p, e);
    }
  }

  /**
   * The stored status: the file's when it is a final one; a crashed run ({@code running} and no
   * end, or no status and no end) is stored as {@code failed} with {@code legacy_status} kept.
   */
  private static String sessionStatus(
      String status,
      OffsetDateTime end,
      boolean anyFailed,
      boolean anyUnfinished,
      ObjectNode extra) {
    String s = status == null ? null : status.trim().toLowerCase(Locale.ROOT);
    if (s != null && Set.of("completed", "failed", "cancelled").contains(s)) {
      return s;
    }
    if (s != null) {
      extra.put("legacy_status", status);
      if (Set.of("success", "done", "finished").contains(s)) {
        return "completed";
      }
    }
    if (s == null && end != null && !anyUnfinished) {
      return anyFailed ? "failed" : "completed";
    }
    return "failed"; // running without an end: the run crashed
  }

  private void insertPerf(List<ObjectNode> perf) {
    for (ObjectNode n : perf) {
      Long taskId = null;
      JsonNode ti = n.get("task_index");
      if (ti != null && ti.canConvertToInt()) {
        taskId = taskIds.get(ti.intValue());
      }
      OffsetDateTime at;
      try {
        at = LegacyTimes.parse(JsonSupport.string(n.get("timestamp")), zone);
      } catch (IllegalArgumentException e) {
        throw new ImportException(
            file, null, "performance_metrics timestamp: " + e.getMessage(), e);
      }
      if (at == null) {
        throw new ImportException(file, "a performance_metrics sample has no timestamp");
      }
      tx.insertInto(PERFORMANCE_METRICS)
          .set(PERFORMANCE_METRICS.SESSION_ID, sessionId)
          .set(PERFORMANCE_METRICS.TASK_ID, taskId)
          .set(PERFORMANCE_METRICS.RECORDED_AT, at)
          .set(
              PERFORMANCE_METRICS.GPU_INDEX,
              n.hasNonNull("gpu_index") ? n.get("gpu_index").asInt() : null)
          .set(PERFORMANCE_METRICS.GPU_UTILIZATION, percent(n.get("gpu_utilization")))
          .set(PERFORMANCE_METRICS.MEMORY_USAGE, percent(n.get("memory_usage")))
          .set(PERFORMANCE_METRICS.MEMORY_USED_MIB, num(n.get("memory_used_mib")))
          .set(PERFORMANCE_METRICS.THROUGHPUT, nonNegative(num(n.get("throughput"))))
          .set(PERFORMANCE_METRICS.NODE_NAME, JsonSupport.string(n.get("node_name")))
          .execute();
    }
  }

  private Double num(JsonNode v) {
    try {
      Double d = JsonSupport.number(v);
      return d == null || d.isNaN() ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A percentage outside 0..100 is a bad reading: stored as unknown. */
  private Double percent(JsonNode v) {
    Double d = num(v);
    return d == null || d < 0 || d > 100 ? null : d;
  }

  private static Double nonNegative(Double d) {
    return d == null || d < 0 ? null : d;
  }

  private void readModels(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    ObjectNode models = object(p, "models");
    models
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode m = e.getValue();
              Long params = null;
              Double pc = num(m.get("parameter_count"));
              if (pc != null && pc > 0) {
                params = pc.longValue();
              }
              ModelInfo info =
                  new ModelInfo(
                      e.getKey(),
                      JsonSupport.string(m.get("model_family")),
                      params,
                      JsonSupport.string(m.get("specialization")),
                      JsonSupport.string(m.get("backend")),
                      JsonSupport.string(
                          m.has("weights") ? m.get("weights") : m.get("model_path")));
              modelIds.put(e.getKey(), registry.upsertModel(info));
            });
  }

  private void readDatasets(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    ObjectNode datasets = object(p, "datasets");
    datasets
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode d = e.getValue();
              Double sc = num(d.get("sample_count"));
              DatasetInfo info =
                  new DatasetInfo(
                      e.getKey(),
                      JsonSupport.string(d.get("task_type")),
                      JsonSupport.string(d.get("category")),
                      sc == null || sc < 0 ? null : sc.intValue(),
                      JsonSupport.string(d.get("file_path")),
                      JsonSupport.string(d.get("harness_task")));
              datasetIds.put(e.getKey(), registry.upsertDataset(info));
            });
  }

  // ---------------------------------------------------------------- task

  /** Reads one task object; returns "failed", "unfinished" or "ok". */
  private String readTask(JsonParser p, int ordinal) throws IOException {
    String taskPos = JsonSupport.position(p);
    long taskId =
        tx.fetchValue(
            DSL.field(
                "nextval(pg_get_serial_sequence('evaluation_tasks', 'task_id'))", Long.class));
    Integer index = null;
    String model = null;
    String dataset = null;
    String preset = null;
    Integer sampleLimit = null;
    String priority = null;
    OffsetDateTime start = null;
    OffsetDateTime end = null;
    Boolean success = null;
    String status = null;
    String error = null;
    String cause = null;
    Integer exitCode = null;
    Long jobId = null;
    String node = null;
    Integer samplesTotal = null;
    ObjectNode results = null;
    boolean hasResults = false;
    ObjectNode extra = JsonSupport.MAPPER.createObjectNode();
    ObjectNode provenance = JsonSupport.MAPPER.createObjectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken v = p.nextToken();
      switch (k) {
        case "task_index" -> index = intValue(p, k);
        case "model_name" -> model = scalar(p, k);
        case "dataset_name" -> dataset = scalar(p, k);
        case "preset" -> preset = scalar(p, k);
        case "sample_limit" -> sampleLimit = intValue(p, k);
        case "priority" -> priority = scalar(p, k);
        case "start_time" -> start = time(p, k);
        case "end_time" -> end = time(p, k);
        case "success" -> success = bool(p, k);
        case "status" -> status = scalar(p, k);
        case "error_message" -> error = scalar(p, k);
        case "failure_cause" -> cause = scalar(p, k);
        case "exit_code" -> exitCode = intValue(p, k);
        case "slurm_job_id" -> jobId = longValue(p, k);
        case "node_name" -> node = scalar(p, k);
        case "samples_total" -> samplesTotal = intValue(p, k);
        case "provenance" -> provenance = object(p, k);
        case "results" -> {
          if (v != JsonToken.VALUE_NULL) {
            results = object(p, k);
            hasResults = true;
          }
        }
        case "predictions_file" -> {
          String ref = scalar(p, k);
          if (ref != null) {
            refs.put(ref, taskId);
            extra.put(k, ref);
          }
        }
        case "predictions" -> {
          if (v != JsonToken.VALUE_NULL) {
            expect(p, v, JsonToken.START_ARRAY, k, "an array of predictions");
            predictions += copyPredictions(p, taskId);
          }
        }
        default -> extra.set(k, p.readValueAsTree());
      }
    }
    if (index == null) {
      index = ordinal; // older files: the order of tasks is the index
    }
    if (index < 0) {
      throw new ImportException(file, taskPos, "task_index " + index + " is negative", null);
    }
    if (model == null || model.isBlank()) {
      throw new ImportException(file, taskPos, "task " + index + " has no model_name", null);
    }
    if (dataset == null || dataset.isBlank()) {
      throw new ImportException(file, taskPos, "task " + index + " has no dataset_name", null);
    }
    if (taskIds.put(index, taskId) != null) {
      throw new ImportException(file, taskPos, "task_index " + index + " appears twice", null);
    }
    String st = taskStatus(status, success, end, hasResults, extra);
    if (st.equals("queued") && jobId == null) {
      st = "pending";
    }
    if (st.equals("failed")) {
      if (cause == null || !validCause(cause)) {
        cause = classify(error).name();
      }
      if (error == null && "unfinished".equals(extra.path("import_note").asText(null))) {
        error = "the session ended before this task finished";
      }
    } else {
      if (cause != null) {
        extra.put("failure_cause", cause);
      }
      cause = null;
    }
    long modelId = modelIds.computeIfAbsent(model, n -> registry.upsertModel(ModelInfo.named(n)));
    long datasetId =
        datasetIds.computeIfAbsent(dataset, n -> registry.upsertDataset(DatasetInfo.named(n)));
    if (sampleLimit != null && sampleLimit <= 0) {
      extra.put("sample_limit", sampleLimit);
      sampleLimit = null;
    }
    tx.insertInto(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.TASK_ID, taskId)
        .set(EVALUATION_TASKS.SESSION_ID, sessionId)
        .set(EVALUATION_TASKS.TASK_INDEX, index)
        .set(EVALUATION_TASKS.MODEL_ID, modelId)
        .set(EVALUATION_TASKS.DATASET_ID, datasetId)
        .set(EVALUATION_TASKS.PRESET, preset)
        .set(EVALUATION_TASKS.SAMPLE_LIMIT, sampleLimit)
        .set(EVALUATION_TASKS.PRIORITY, priority == null ? "normal" : priority)
        .set(EVALUATION_TASKS.STATUS, st)
        .set(EVALUATION_TASKS.FAILURE_CAUSE, cause)
        .set(EVALUATION_TASKS.EXIT_CODE, exitCode)
        .set(EVALUATION_TASKS.ERROR_MESSAGE, error)
        .set(EVALUATION_TASKS.SLURM_JOB_ID, jobId)
        .set(EVALUATION_TASKS.NODE_NAME, node)
        .set(EVALUATION_TASKS.START_TIME, start)
        .set(EVALUATION_TASKS.END_TIME, end)
        .set(EVALUATION_TASKS.SAMPLES_TOTAL, samplesTotal)
        .set(EVALUATION_TASKS.PROVENANCE, JsonSupport.jsonbObject(provenance))
        .set(EVALUATION_TASKS.EXTRA, JsonSupport.jsonbObject(extra))
        .execute();
    if (results != null) {
      writeResults(taskId, results, extra);
    }
    tasks++;
    progress.checkCancelled();
    return st.equals("failed")
        ? ("unfinished".equals(extra.path("import_note").asText(null)) ? "unfinished" : "failed")
        : "ok";
  }

  private String taskStatus(
      String status, Boolean success, OffsetDateTime end, boolean hasResults, ObjectNode extra) {
    String s = status == null ? null : status.trim().toLowerCase(Locale.ROOT);
    if (s != null
        && TASK_STATUSES.contains(s)
        && !s.equals("running")
        && !s.equals("pending")
        && !s.equals("queued")) {
      return s;
    }
    if (success != null) {
      if (s != null) {
        extra.put("legacy_status", status);
      }
      return success ? "completed" : "failed";
    }
    if (s == null && (end != null || hasResults)) {
      return "completed";
    }
    if (s != null) {
      extra.put("legacy_status", status);
    }
    extra.put("import_note", "unfinished");
    return "failed"; // never finished: its session crashed
  }

  private static boolean validCause(String c) {
    try {
      FailureCause.valueOf(c.trim().toUpperCase(Locale.ROOT));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** CUDA out-of-memory → OUT_OF_MEMORY; time limits → TIME_LIMIT; anything else → ERROR. */
  static FailureCause classify(String error) {
    if (error == null) {
      return FailureCause.ERROR;
    }
    String e = error.toLowerCase(Locale.ROOT);
    if (e.contains("out of memory") || e.contains("outofmemory") || e.contains("oom")) {
      return FailureCause.OUT_OF_MEMORY;
    }
    if (e.contains("time limit") || e.contains("timeout") || e.contains("timed out")) {
      return FailureCause.TIME_LIMIT;
    }
    return FailureCause.ERROR;
  }

  private void writeResults(long taskId, ObjectNode results, ObjectNode taskExtra) {
    Integer processed = null;
    Double avg = null;
    ObjectNode metrics = JsonSupport.MAPPER.createObjectNode();
    ObjectNode other = JsonSupport.MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> it = results.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "samples_processed" -> processed = LmEvalResults.intOrNull(e.getValue());
        case "average_execution_time" -> avg = num(e.getValue());
        case "evaluation_metrics" -> {
          if (e.getValue().isObject()) {
            metrics = (ObjectNode) e.getValue();
          } else if (!e.getValue().isNull()) {
            throw new ImportException(
                file,
                "task results: evaluation_metrics is "
                    + e.getValue().getNodeType().toString().toLowerCase(Locale.ROOT)
                    + ", expected an object");
          }
        }
        default -> other.set(e.getKey(), e.getValue());
      }
    }
    if (!other.isEmpty()) {
      taskExtra.set("results_extra", other);
      tx.update(EVALUATION_TASKS)
          .set(EVALUATION_TASKS.EXTRA, JsonSupport.jsonbObject(taskExtra))
          .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
          .execute();
    }
    if (processed != null && processed < 0) {
      processed = null;
    }
    TaskRows.insertResult(tx, taskId, processed, JsonSupport.jsonb(metrics), avg);
    Map<String, LmEvalResults.Metric> rows = new LinkedHashMap<>();
    metrics
        .fields()
        .forEachRemaining(
            e -> {
              Double v;
              try {
                v = JsonSupport.number(e.getValue());
              } catch (NumberFormatException ex) {
                return; // not a figure (a nested object, a note): kept in the raw JSON only
              }
              if (e.getKey().isBlank()) {
                return;
              }
              MetricKey key = MetricKey.of(e.getKey());
              rows.putIfAbsent(
                  key.metric(),
                  new LmEvalResults.Metric(
                      key.metric(), key.filter(), v == null || v.isNaN() ? null : v, null));
            });
    TaskRows.insertMetrics(tx, taskId, new ArrayList<>(rows.values()));
  }

  // ---------------------------------------------------------------- predictions

  private long copyPredictions(JsonParser p, long taskId) throws IOException {
    long n = 0;
    try (PredictionCopy copy = new PredictionCopy(pg)) {
      int ordinal = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw JsonSupport.typeError(file, p, "predictions[" + ordinal + "]", "an object");
        }
        String pos = JsonSupport.position(p);
        ObjectNode o = p.readValueAsTree();
        copy.add(prediction(pos, o, taskId, ordinal));
        ordinal++;
        progress.prediction();
      }
      n = copy.finish();
    } catch (java.sql.SQLException e) {
      throw new ImportException(file, null, "cannot start COPY: " + e.getMessage(), e);
    }
    return n;
  }

  /** Reads a separate predictions file into the task it belongs to. */
  long readPredictionsFile(Path predFile, InputStream in, Long knownTaskId, Integer sniffedIndex) {
    this.file = predFile;
    JsonParser p = null;
    try {
      p = JsonSupport.MAPPER.createParser(in);
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "the predictions file", "an object");
      Long taskId = knownTaskId;
      if (taskId == null && sniffedIndex != null) {
        taskId = taskIds.get(sniffedIndex);
      }
      if (taskId == null) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("_task(\\d+)\\.json$")
                .matcher(predFile.getFileName().toString());
        if (m.find()) {
          taskId = taskIds.get(Integer.parseInt(m.group(1)));
        }
      }
      if (taskId == null) {
        throw new ImportException(
            predFile,
            "its task_index "
                + (sniffedIndex == null ? "(missing)" : sniffedIndex)
                + " is not a task of the session");
      }
      long n = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        JsonToken v = p.nextToken();
        if (k.equals("predictions") && v == JsonToken.START_ARRAY) {
          n += copyPredictions(p, taskId);
        } else {
          p.skipChildren(); // session_id, task_index, model and dataset names repeat the session's
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new ImportException(
            predFile, JsonSupport.position(p), "unexpected content after the predictions", null);
      }
      predictions += n;
      return n;
    } catch (IOException e) {
      throw JsonSupport.failure(predFile, p, e);
    }
  }

  private static final Set<String> PRED_FIELDS =
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

  private PredictionRow prediction(String pos, ObjectNode o, long taskId, int ordinal) {
    ObjectNode extra = null;
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!PRED_FIELDS.contains(e.getKey())) {
        if (extra == null) {
          extra = JsonSupport.MAPPER.createObjectNode();
        }
        extra.set(e.getKey(), e.getValue());
      }
    }
    int sampleId;
    JsonNode sid = o.get("sample_id");
    if (sid != null && sid.isIntegralNumber() && sid.canConvertToInt()) {
      sampleId = sid.intValue();
    } else if (sid != null && sid.isTextual() && sid.textValue().trim().matches("-?\\d{1,9}")) {
      sampleId = Integer.parseInt(sid.textValue().trim());
    } else {
      // a textual id ("HumanEval/0") or none: the position identifies it, the original is kept
      sampleId = ordinal;
      if (sid != null && !sid.isNull()) {
        if (extra == null) {
          extra = JsonSupport.MAPPER.createObjectNode();
        }
        extra.set("source_sample_id", sid);
      }
    }
    Boolean correct = null;
    JsonNode c = o.get("correct");
    if (c != null && !c.isNull()) {
      if (c.isBoolean()) {
        correct = c.booleanValue();
      } else if (c.isNumber() && (c.doubleValue() == 0 || c.doubleValue() == 1)) {
        correct = c.doubleValue() == 1;
      } else if (c.isTextual()
          && Set.of("true", "false").contains(c.textValue().trim().toLowerCase(Locale.ROOT))) {
        correct = Boolean.parseBoolean(c.textValue().trim());
      } else {
        throw new ImportException(
            file,
            pos,
            "prediction " + sampleId + ": correct is '" + c + "', expected true, false or null",
            null);
      }
    }
    Double time;
    try {
      time = JsonSupport.number(o.get("execution_time"));
    } catch (NumberFormatException e) {
      throw new ImportException(
          file,
          pos,
          "prediction "
              + sampleId
              + ": execution_time is '"
              + o.get("execution_time")
              + "', expected a number",
          null);
    }
    JsonNode sm = o.get("sample_metrics");
    return new PredictionRow(
        taskId,
        sampleId,
        o.hasNonNull("filter") ? o.get("filter").asText() : "none",
        JsonSupport.string(o.get("prompt_hash")),
        JsonSupport.string(o.get("doc_hash")),
        JsonSupport.string(o.get("prompt")),
        JsonSupport.string(o.get("prediction")),
        JsonSupport.string(o.get("filtered_prediction")),
        JsonSupport.string(o.get("ground_truth")),
        correct,
        time,
        sm == null || sm.isNull() ? null : JsonSupport.text(sm),
        extra == null ? null : JsonSupport.text(extra));
  }

  // ---------------------------------------------------------------- scalars

  private void expect(
      JsonParser p, JsonToken actual, JsonToken wanted, String what, String expected) {
    if (actual != wanted) {
      if (actual == null) {
        throw new ImportException(
            file, JsonSupport.position(p), "file ends early (truncated?) in " + what, null);
      }
      throw JsonSupport.typeError(file, p, what, expected);
    }
  }

  private String scalar(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!t.isScalarValue()) {
      throw JsonSupport.typeError(file, p, field, "a text or number");
    }
    return p.getValueAsString();
  }

  private ObjectNode object(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw JsonSupport.typeError(file, p, field, "an object");
    }
    return p.readValueAsTree();
  }

  private Integer intValue(JsonParser p, String field) throws IOException {
    Long l = longValue(p, field);
    if (l != null && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
      throw new ImportException(
          file, JsonSupport.position(p), "field '" + field + "' is " + l + ", too large", null);
    }
    return l == null ? null : l.intValue();
  }

  private Long longValue(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT && p.getDoubleValue() == Math.rint(p.getDoubleValue())) {
      return (long) p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING && p.getText().trim().matches("-?\\d+")) {
      return Long.parseLong(p.getText().trim());
    }
    throw JsonSupport.typeError(file, p, field, "a whole number");
  }

  private Boolean bool(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
    }
    if (t == JsonToken.VALUE_NUMBER_INT && (p.getIntValue() == 0 || p.getIntValue() == 1)) {
      return p.getIntValue() == 1;
    }
    throw JsonSupport.typeError(file, p, field, "true or false");
  }

  private OffsetDateTime time(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!t.isScalarValue()) {
      throw JsonSupport.typeError(file, p, field, "a time");
    }
    try {
      return LegacyTimes.parse(p.getValueAsString(), zone);
    } catch (IllegalArgumentException e) {
      throw new ImportException(
          file, JsonSupport.position(p), "field '" + field + "': " + e.getMessage(), e);
    }
  }
}
