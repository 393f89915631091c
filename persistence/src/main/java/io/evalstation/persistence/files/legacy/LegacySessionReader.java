package io.evalstation.persistence.files.legacy;

import static io.evalstation.persistence.files.legacy.LegacyFormat.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.SamplePrediction;
import io.evalstation.persistence.files.TaskMetric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads legacy session and predictions files ({@link LegacyFormat}) as streams and hands what it
 * reads to a {@link Handler} in file order: the {@code models} and {@code datasets} maps when it
 * meets them, each task when its object ends (its embedded predictions one at a time before that),
 * the session's own fields and performance samples at the end. One element at a time is in memory,
 * whatever the file's size. Errors name the file, the position and the field.
 *
 * <p>The reader understands the format's variants (numbers written as text, {@code NaN}, textual
 * sample ids, times with or without a zone); what a status or an error message means for
 * Evalstation is the importer's business.
 */
public final class LegacySessionReader {
  /** Receives what the reader reads, in file order. */
  public interface Handler extends PredictionsHandler {
    /** The {@code models} map, when the reader reaches it. */
    void models(Map<String, LegacyModel> models);

    /** The {@code datasets} map, when the reader reaches it. */
    void datasets(Map<String, LegacyDataset> datasets);

    /** A task object starts: the {@code ordinal}-th of {@code tasks}, counted from 1. */
    void taskStarted(int ordinal);

    /**
     * A task object ended.
     *
     * @param position where the task object started, for error messages
     */
    void task(LegacyTask task, String position);

    /** The session object ended: its own fields and its performance samples, in file order. */
    void session(LegacySession session, List<LegacyPerformance> performance);

    /** Called between the session's fields, so that an import can stop (by throwing). */
    default void checkpoint() {}
  }

  /**
   * Receives a {@code predictions} array (of a predictions file, or embedded in the task being
   * read): read it with {@link Predictions#forEach}.
   */
  @FunctionalInterface
  public interface PredictionsHandler {
    void predictions(Predictions predictions) throws IOException;
  }

  /** One {@code predictions} array, read while the handler iterates it. */
  public interface Predictions {
    /** Reads every prediction of the array and hands each to {@code sink}. */
    void forEach(Sink sink) throws IOException;
  }

  /** Receives one prediction. */
  @FunctionalInterface
  public interface Sink {
    void accept(SamplePrediction prediction) throws IOException;
  }

  private final Path file;
  private final JsonValues values;

  /** A reader of {@code file} (named in errors). */
  public LegacySessionReader(Path file) {
    this.file = file;
    this.values = new JsonValues(file);
  }

  // ---------------------------------------------------------------- session

  /** Reads a session file from {@code in}. */
  public void readSession(InputStream in, Handler handler) {
    JsonParser p = null;
    try {
      p = JsonFiles.MAPPER.createParser(in);
      values.expect(p, p.nextToken(), JsonToken.START_OBJECT, "the session", "an object");
      Map<String, Object> extra = new LinkedHashMap<>();
      Map<String, Object> provenance = new LinkedHashMap<>();
      String sessionId = null;
      String status = null;
      String category = null;
      String cluster = null;
      String node = null;
      String gpu = null;
      Long jobId = null;
      Integer totalTasks = null;
      Integer successCount = null;
      Temporal start = null;
      Temporal end = null;
      Map<String, LegacyModel> models = null;
      Map<String, LegacyDataset> datasets = null;
      List<ObjectNode> perf = new ArrayList<>();
      Set<Integer> indices = new HashSet<>();
      int ordinal = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        JsonToken v = p.nextToken();
        switch (k) {
          case SESSION_ID -> sessionId = values.scalar(p, k);
          case CATEGORY -> category = values.scalar(p, k);
          case CLUSTER -> cluster = values.scalar(p, k);
          case STATUS -> status = values.scalar(p, k);
          case NODE_NAME -> node = values.scalar(p, k);
          case GPU_TYPE -> gpu = values.scalar(p, k);
          case SLURM_JOB_ID -> jobId = values.longValue(p, k);
          case START_TIME -> start = values.time(p, k);
          case END_TIME -> end = values.time(p, k);
          case PROVENANCE -> provenance = JsonFiles.fields(values.object(p, k));
          case TOTAL_TASKS -> totalTasks = JsonFiles.intOrNull(p.readValueAsTree());
          case SUCCESS_COUNT -> successCount = JsonFiles.intOrNull(p.readValueAsTree());
          case MODELS -> {
            if (v != JsonToken.VALUE_NULL) {
              models = entries(values.object(p, k), LegacySessionReader::model);
              handler.models(models);
            }
          }
          case DATASETS -> {
            if (v != JsonToken.VALUE_NULL) {
              datasets = entries(values.object(p, k), LegacySessionReader::dataset);
              handler.datasets(datasets);
            }
          }
          case TASKS -> {
            if (v == JsonToken.VALUE_NULL) {
              break;
            }
            values.expect(p, v, JsonToken.START_ARRAY, k, "an array of tasks");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              values.expect(
                  p,
                  p.currentToken(),
                  JsonToken.START_OBJECT,
                  "tasks[" + ordinal + "]",
                  "a task object");
              ordinal++;
              readTask(p, ordinal, indices, handler);
            }
          }
          case PERFORMANCE_METRICS -> {
            if (v == JsonToken.VALUE_NULL) {
              break;
            }
            values.expect(p, v, JsonToken.START_ARRAY, k, "an array of samples");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              values.expect(p, p.currentToken(), JsonToken.START_OBJECT, k, "a sample object");
              perf.add(p.readValueAsTree());
            }
          }
          default -> extra.put(k, p.readValueAsTree());
        }
        handler.checkpoint();
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new ImportException(file, JsonFiles.position(p), "expected a field name or }", null);
      }
      if (p.nextToken() != null) {
        throw new ImportException(
            file, JsonFiles.position(p), "data after the end of the session", null);
      }
      LegacySession session =
          new LegacySession(
              sessionId,
              category,
              cluster,
              start,
              end,
              status,
              jobId,
              node,
              gpu,
              totalTasks,
              successCount,
              provenance,
              models,
              datasets,
              extra);
      List<LegacyPerformance> samples = new ArrayList<>();
      for (ObjectNode n : perf) {
        samples.add(performance(n));
      }
      handler.session(session, samples);
    } catch (IOException e) {
      throw JsonFiles.failure(file, p, e);
    }
  }

  private LegacyPerformance performance(ObjectNode n) {
    Temporal at;
    try {
      at = LegacyTimes.parse(JsonFiles.string(n.get(TIMESTAMP)));
    } catch (IllegalArgumentException e) {
      throw new ImportException(
          file, null, PERFORMANCE_METRICS + " timestamp: " + e.getMessage(), e);
    }
    if (at == null) {
      throw new ImportException(file, "a performance_metrics sample has no timestamp");
    }
    JsonNode ti = n.get(TASK_INDEX);
    return new LegacyPerformance(
        at,
        ti != null && ti.canConvertToInt() ? ti.intValue() : null,
        n.hasNonNull(GPU_INDEX) ? n.get(GPU_INDEX).asInt() : null,
        JsonFiles.numberOrNull(n.get(GPU_UTILIZATION)),
        JsonFiles.numberOrNull(n.get(MEMORY_USAGE)),
        JsonFiles.numberOrNull(n.get(MEMORY_USED_MIB)),
        JsonFiles.numberOrNull(n.get(THROUGHPUT)),
        JsonFiles.string(n.get(NODE_NAME)),
        unknown(n, PERFORMANCE_FIELDS));
  }

  private static LegacyModel model(JsonNode m) {
    Double pc = JsonFiles.numberOrNull(m.get(PARAMETER_COUNT));
    return new LegacyModel(
        JsonFiles.string(m.get(MODEL_FAMILY)),
        pc != null && pc > 0 ? pc.longValue() : null,
        JsonFiles.string(m.get(SPECIALIZATION)),
        JsonFiles.string(m.get(BACKEND)),
        JsonFiles.string(m.has(WEIGHTS) ? m.get(WEIGHTS) : m.get(MODEL_PATH)),
        unknown(m, MODEL_FIELDS));
  }

  private static LegacyDataset dataset(JsonNode d) {
    Double sc = JsonFiles.numberOrNull(d.get(SAMPLE_COUNT));
    return new LegacyDataset(
        JsonFiles.string(d.get(TASK_TYPE)),
        JsonFiles.string(d.get(CATEGORY)),
        sc == null || sc < 0 ? null : sc.intValue(),
        JsonFiles.string(d.get(FILE_PATH)),
        JsonFiles.string(d.get(HARNESS_TASK)),
        unknown(d, DATASET_FIELDS));
  }

  /** The entries of a map object, each read by {@code read}, in order. */
  private static <T> Map<String, T> entries(ObjectNode map, Function<JsonNode, T> read) {
    Map<String, T> out = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> out.put(e.getKey(), read.apply(e.getValue())));
    return out;
  }

  // ---------------------------------------------------------------- task

  private void readTask(JsonParser p, int ordinal, Set<Integer> indices, Handler handler)
      throws IOException {
    String taskPos = JsonFiles.position(p);
    handler.taskStarted(ordinal);
    Integer index = null;
    String model = null;
    String dataset = null;
    String preset = null;
    Integer sampleLimit = null;
    String priority = null;
    Temporal start = null;
    Temporal end = null;
    Boolean success = null;
    String status = null;
    String error = null;
    String cause = null;
    Integer exitCode = null;
    Long jobId = null;
    String node = null;
    Integer samplesTotal = null;
    Integer samplesDone = null;
    JsonNode explicitMetrics = null;
    LegacyResults results = null;
    String predictionsFile = null;
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Object> provenance = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken v = p.nextToken();
      switch (k) {
        case TASK_INDEX -> index = values.intValue(p, k);
        case MODEL_NAME -> model = values.scalar(p, k);
        case DATASET_NAME -> dataset = values.scalar(p, k);
        case PRESET -> preset = values.scalar(p, k);
        case SAMPLE_LIMIT -> sampleLimit = values.intValue(p, k);
        case PRIORITY -> priority = values.scalar(p, k);
        case START_TIME -> start = values.time(p, k);
        case END_TIME -> end = values.time(p, k);
        case SUCCESS -> success = values.bool(p, k);
        case STATUS -> status = values.scalar(p, k);
        case ERROR_MESSAGE -> error = values.scalar(p, k);
        case FAILURE_CAUSE -> cause = values.scalar(p, k);
        case EXIT_CODE -> exitCode = values.intValue(p, k);
        case SLURM_JOB_ID -> jobId = values.longValue(p, k);
        case NODE_NAME -> node = values.scalar(p, k);
        case SAMPLES_TOTAL -> samplesTotal = values.intValue(p, k);
        case SAMPLES_DONE -> samplesDone = values.intValue(p, k);
        case TASK_METRICS -> {
          if (v != JsonToken.VALUE_NULL) {
            values.expect(p, v, JsonToken.START_ARRAY, k, "an array of metrics");
            explicitMetrics = p.readValueAsTree();
          }
        }
        case PROVENANCE -> provenance = JsonFiles.fields(values.object(p, k));
        case RESULTS -> {
          if (v != JsonToken.VALUE_NULL) {
            results = results(values.object(p, k));
          }
        }
        case PREDICTIONS_FILE -> predictionsFile = values.scalar(p, k);
        case PREDICTIONS -> {
          if (v != JsonToken.VALUE_NULL) {
            values.expect(p, v, JsonToken.START_ARRAY, k, "an array of predictions");
            handOver(p, handler);
          }
        }
        default -> extra.put(k, p.readValueAsTree());
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
    if (!indices.add(index)) {
      throw new ImportException(file, taskPos, "task_index " + index + " appears twice", null);
    }
    handler.task(
        new LegacyTask(
            index,
            model,
            dataset,
            preset,
            sampleLimit,
            priority,
            status,
            success,
            start,
            end,
            error,
            cause,
            exitCode,
            jobId,
            node,
            samplesDone,
            samplesTotal,
            provenance,
            results,
            explicitMetrics == null ? null : taskMetrics(explicitMetrics, taskPos),
            predictionsFile,
            extra),
        taskPos);
  }

  /** Evalstation's own exports list the task's metric rows, so that they import back the same. */
  private List<TaskMetric> taskMetrics(JsonNode list, String pos) {
    List<TaskMetric> rows = new ArrayList<>();
    for (JsonNode m : list) {
      String name = JsonFiles.string(m.get(METRIC));
      if (name == null || name.isBlank()) {
        throw new ImportException(file, pos, "a task_metrics entry has no metric name", null);
      }
      rows.add(
          new TaskMetric(
              name,
              JsonFiles.string(m.get(FILTER)),
              JsonFiles.numberOrNull(m.get(VALUE)),
              JsonFiles.numberOrNull(m.get(STDERR))));
    }
    return rows;
  }

  private LegacyResults results(ObjectNode results) {
    Integer processed = null;
    Double avg = null;
    Map<String, JsonNode> metrics = new LinkedHashMap<>();
    Map<String, Object> other = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = results.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case SAMPLES_PROCESSED -> processed = JsonFiles.intOrNull(e.getValue());
        case AVERAGE_EXECUTION_TIME -> avg = JsonFiles.numberOrNull(e.getValue());
        case EVALUATION_METRICS -> {
          if (e.getValue().isObject()) {
            metrics.clear();
            e.getValue().fields().forEachRemaining(m -> metrics.put(m.getKey(), m.getValue()));
          } else if (!e.getValue().isNull()) {
            throw new ImportException(
                file,
                "task results: evaluation_metrics is "
                    + e.getValue().getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + ", expected an object");
          }
        }
        default -> other.put(e.getKey(), e.getValue());
      }
    }
    return new LegacyResults(processed, metrics, avg, other);
  }

  // ---------------------------------------------------------------- predictions

  /** Hands a {@code predictions} array to the handler; skipped when it does not read it. */
  private void handOver(JsonParser p, PredictionsHandler handler) throws IOException {
    boolean[] read = {false};
    handler.predictions(
        sink -> {
          read[0] = true;
          int ordinal = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
              throw JsonFiles.typeError(file, p, "predictions[" + ordinal + "]", "an object");
            }
            String pos = JsonFiles.position(p);
            ObjectNode o = p.readValueAsTree();
            sink.accept(prediction(pos, o, ordinal));
            ordinal++;
          }
        });
    if (!read[0]) {
      p.skipChildren();
    }
  }

  /**
   * Reads a separate predictions file, handing its predictions to the handler (the other fields
   * repeat the session's and are not read).
   */
  public void readPredictionsFile(InputStream in, PredictionsHandler handler) {
    JsonParser p = null;
    try {
      p = JsonFiles.MAPPER.createParser(in);
      values.expect(p, p.nextToken(), JsonToken.START_OBJECT, "the predictions file", "an object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        JsonToken v = p.nextToken();
        if (k.equals(PREDICTIONS) && v == JsonToken.START_ARRAY) {
          handOver(p, handler);
        } else {
          p.skipChildren(); // session_id, task_index, model and dataset names repeat the session's
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new ImportException(
            file, JsonFiles.position(p), "unexpected content after the predictions", null);
      }
    } catch (IOException e) {
      throw JsonFiles.failure(file, p, e);
    }
  }

  private SamplePrediction prediction(String pos, ObjectNode o, int ordinal) {
    Map<String, Object> extra = unknown(o, PREDICTION_FIELDS);
    int sampleId;
    JsonNode sid = o.get(SAMPLE_ID);
    if (sid != null && sid.isIntegralNumber() && sid.canConvertToInt()) {
      sampleId = sid.intValue();
    } else if (sid != null && sid.isTextual() && sid.textValue().trim().matches("-?\\d{1,9}")) {
      sampleId = Integer.parseInt(sid.textValue().trim());
    } else {
      // a textual id ("HumanEval/0") or none: the position identifies it, the original is kept
      sampleId = ordinal;
      if (sid != null && !sid.isNull()) {
        extra.put("source_sample_id", sid);
      }
    }
    Boolean correct = values.correct(o.get(CORRECT), pos, sampleId);
    Double time;
    try {
      time = JsonFiles.number(o.get(EXECUTION_TIME));
    } catch (NumberFormatException e) {
      throw new ImportException(
          file,
          pos,
          "prediction "
              + sampleId
              + ": execution_time is '"
              + o.get(EXECUTION_TIME)
              + "', expected a number",
          null);
    }
    JsonNode sm = o.get(SAMPLE_METRICS);
    return new SamplePrediction(
        sampleId,
        o.hasNonNull(FILTER) ? o.get(FILTER).asText() : "none",
        JsonFiles.string(o.get(PROMPT_HASH)),
        JsonFiles.string(o.get(DOC_HASH)),
        JsonFiles.string(o.get(PROMPT)),
        JsonFiles.string(o.get(PREDICTION)),
        JsonFiles.string(o.get(FILTERED_PREDICTION)),
        JsonFiles.string(o.get(GROUND_TRUTH)),
        correct,
        time,
        sm == null || sm.isNull() ? null : sm,
        extra);
  }

  // ---------------------------------------------------------------- helpers

  /** The fields of {@code o} that are not in {@code known}, in order (none when not an object). */
  private static Map<String, Object> unknown(JsonNode o, Set<String> known) {
    Map<String, Object> out = new LinkedHashMap<>();
    o.fields()
        .forEachRemaining(
            e -> {
              if (!known.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
              }
            });
    return out;
  }
}
