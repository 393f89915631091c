package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.FailureCause;
import io.evalstation.model.MetricKey;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.TaskMetric;
import io.evalstation.persistence.files.legacy.LegacyDataset;
import io.evalstation.persistence.files.legacy.LegacyFormat;
import io.evalstation.persistence.files.legacy.LegacyModel;
import io.evalstation.persistence.files.legacy.LegacyPerformance;
import io.evalstation.persistence.files.legacy.LegacyResults;
import io.evalstation.persistence.files.legacy.LegacySession;
import io.evalstation.persistence.files.legacy.LegacySessionReader;
import io.evalstation.persistence.files.legacy.LegacyTask;
import io.evalstation.persistence.files.legacy.LegacyTimes;
import io.evalstation.persistence.repo.RegistryRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Stores what {@link LegacySessionReader} reads into the open transaction: the session row (its
 * fields completed at the end, since they may come in any order), each task when its object ends
 * (its id reserved when it starts, so that embedded predictions can be COPYed before the task row
 * exists — the foreign key is deferred), performance samples at the end. Decides what the legacy
 * statuses mean: a crashed run is stored as failed, with the file's status kept in {@code extra}.
 */
final class LegacySessionStore implements LegacySessionReader.Handler {
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
  private long currentTaskId;
  private boolean anyFailed;
  private boolean anyUnfinished;

  LegacySessionStore(
      DSLContext tx, PGConnection pg, ZoneId zone, ProgressTracker progress, long sessionId) {
    this.tx = tx;
    this.pg = pg;
    this.zone = zone;
    this.progress = progress;
    this.registry = new RegistryRepository(tx);
    this.sessionId = sessionId;
  }

  /** Reads and stores a session file. */
  void readSession(Path file, InputStream in) {
    this.file = file;
    new LegacySessionReader(file).readSession(in, this);
  }

  /** Reads a separate predictions file into the task it belongs to. */
  long readPredictionsFile(Path predFile, InputStream in, Long knownTaskId, Integer sniffedIndex) {
    this.file = predFile;
    Long taskId = knownTaskId;
    if (taskId == null && sniffedIndex != null) {
      taskId = taskIds.get(sniffedIndex);
    }
    if (taskId == null) {
      Integer byName = LegacyFormat.taskOfPredictionsFile(predFile.getFileName().toString());
      if (byName != null) {
        taskId = taskIds.get(byName);
      }
    }
    if (taskId == null) {
      throw new ImportException(
          predFile,
          "its task_index "
              + (sniffedIndex == null ? "(missing)" : sniffedIndex)
              + " is not a task of the session");
    }
    long task = taskId;
    long[] n = {0};
    new LegacySessionReader(predFile)
        .readPredictionsFile(in, predictions -> n[0] += copy(predictions, task));
    predictions += n[0];
    return n[0];
  }

  // ---------------------------------------------------------------- session

  @Override
  public void checkpoint() {
    progress.checkCancelled();
  }

  @Override
  public void models(Map<String, LegacyModel> models) {
    models.forEach(
        (name, m) ->
            modelIds.put(
                name,
                registry.upsertModel(
                    new ModelInfo(
                        name,
                        m.family(),
                        m.parameterCount(),
                        m.specialization(),
                        m.backend(),
                        m.weights()))));
  }

  @Override
  public void datasets(Map<String, LegacyDataset> datasets) {
    datasets.forEach(
        (name, d) ->
            datasetIds.put(
                name,
                registry.upsertDataset(
                    new DatasetInfo(
                        name,
                        d.taskType(),
                        d.category(),
                        d.sampleCount(),
                        d.filePath(),
                        d.harnessTask()))));
  }

  @Override
  public void session(LegacySession s, List<LegacyPerformance> performance) {
    ObjectNode extra = JsonFiles.object(s.extra());
    String dbStatus = sessionStatus(s.status(), s.endTime(), extra);
    insertPerf(performance);
    tx.update(EVALUATION_SESSIONS)
        .set(EVALUATION_SESSIONS.CATEGORY, s.category())
        .set(EVALUATION_SESSIONS.CLUSTER, s.cluster())
        .set(EVALUATION_SESSIONS.STATUS, dbStatus)
        .set(EVALUATION_SESSIONS.NODE_NAME, s.nodeName())
        .set(EVALUATION_SESSIONS.GPU_TYPE, s.gpuType())
        .set(EVALUATION_SESSIONS.SLURM_JOB_ID, s.slurmJobId())
        .set(EVALUATION_SESSIONS.START_TIME, time(s.startTime()))
        .set(EVALUATION_SESSIONS.END_TIME, time(s.endTime()))
        .set(
            EVALUATION_SESSIONS.PROVENANCE,
            JsonSupport.jsonbObject(JsonFiles.object(s.provenance())))
        .set(EVALUATION_SESSIONS.EXTRA, JsonSupport.jsonbObject(extra))
        .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
        .execute();
  }

  /**
   * The stored status: the file's when it is a final one; a crashed run ({@code running} and no
   * end, or no status and no end) is stored as {@code failed} with {@code legacy_status} kept.
   */
  private String sessionStatus(String status, Temporal end, ObjectNode extra) {
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

  private void insertPerf(List<LegacyPerformance> perf) {
    for (LegacyPerformance n : perf) {
      tx.insertInto(PERFORMANCE_METRICS)
          .set(PERFORMANCE_METRICS.SESSION_ID, sessionId)
          .set(
              PERFORMANCE_METRICS.TASK_ID,
              n.taskIndex() == null ? null : taskIds.get(n.taskIndex()))
          .set(PERFORMANCE_METRICS.RECORDED_AT, time(n.timestamp()))
          .set(PERFORMANCE_METRICS.GPU_INDEX, n.gpuIndex())
          .set(PERFORMANCE_METRICS.GPU_UTILIZATION, percent(n.gpuUtilization()))
          .set(PERFORMANCE_METRICS.MEMORY_USAGE, percent(n.memoryUsage()))
          .set(PERFORMANCE_METRICS.MEMORY_USED_MIB, n.memoryUsedMib())
          .set(PERFORMANCE_METRICS.THROUGHPUT, nonNegative(n.throughput()))
          .set(PERFORMANCE_METRICS.NODE_NAME, n.nodeName())
          .execute();
    }
  }

  /** A percentage outside 0..100 is a bad reading: stored as unknown. */
  private static Double percent(Double d) {
    return d == null || d < 0 || d > 100 ? null : d;
  }

  private static Double nonNegative(Double d) {
    return d == null || d < 0 ? null : d;
  }

  private OffsetDateTime time(Temporal t) {
    return LegacyTimes.inZone(t, zone);
  }

  // ---------------------------------------------------------------- task

  @Override
  public void taskStarted(int ordinal) {
    currentTaskId =
        tx.fetchValue(
            DSL.field(
                "nextval(pg_get_serial_sequence('evaluation_tasks', 'task_id'))", Long.class));
  }

  @Override
  public void predictions(LegacySessionReader.Predictions read) throws IOException {
    predictions += copy(read, currentTaskId);
  }

  @Override
  public void task(LegacyTask t, String taskPos) {
    long taskId = currentTaskId;
    int index = t.taskIndex();
    taskIds.put(index, taskId);
    if (t.predictionsFile() != null) {
      refs.put(t.predictionsFile(), taskId); // file layout, not data: not kept
    }
    ObjectNode extra = JsonFiles.object(t.extra());
    String st = taskStatus(t.status(), t.success(), t.endTime(), t.results() != null, extra);
    if (st.equals("queued") && t.slurmJobId() == null) {
      st = "pending";
    }
    String cause = t.failureCause();
    String error = t.errorMessage();
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
    long modelId =
        modelIds.computeIfAbsent(t.modelName(), n -> registry.upsertModel(ModelInfo.named(n)));
    long datasetId =
        datasetIds.computeIfAbsent(
            t.datasetName(), n -> registry.upsertDataset(DatasetInfo.named(n)));
    Integer sampleLimit = t.sampleLimit();
    if (sampleLimit != null && sampleLimit <= 0) {
      extra.put("sample_limit", sampleLimit);
      sampleLimit = null;
    }
    if (t.results() != null && !t.results().extra().isEmpty()) {
      extra.set("results_extra", JsonFiles.object(t.results().extra()));
    }
    tx.insertInto(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.TASK_ID, taskId)
        .set(EVALUATION_TASKS.SESSION_ID, sessionId)
        .set(EVALUATION_TASKS.TASK_INDEX, index)
        .set(EVALUATION_TASKS.MODEL_ID, modelId)
        .set(EVALUATION_TASKS.DATASET_ID, datasetId)
        .set(EVALUATION_TASKS.PRESET, t.preset())
        .set(EVALUATION_TASKS.SAMPLE_LIMIT, sampleLimit)
        .set(EVALUATION_TASKS.PRIORITY, t.priority() == null ? "normal" : t.priority())
        .set(EVALUATION_TASKS.STATUS, st)
        .set(EVALUATION_TASKS.FAILURE_CAUSE, cause)
        .set(EVALUATION_TASKS.EXIT_CODE, t.exitCode())
        .set(EVALUATION_TASKS.ERROR_MESSAGE, error)
        .set(EVALUATION_TASKS.SLURM_JOB_ID, t.slurmJobId())
        .set(EVALUATION_TASKS.NODE_NAME, t.nodeName())
        .set(EVALUATION_TASKS.START_TIME, time(t.startTime()))
        .set(EVALUATION_TASKS.END_TIME, time(t.endTime()))
        .set(EVALUATION_TASKS.SAMPLES_TOTAL, t.samplesTotal())
        .set(EVALUATION_TASKS.SAMPLES_DONE, t.samplesDone())
        .set(EVALUATION_TASKS.PROVENANCE, JsonSupport.jsonbObject(JsonFiles.object(t.provenance())))
        .set(EVALUATION_TASKS.EXTRA, JsonSupport.jsonbObject(extra))
        .execute();
    if (t.results() != null) {
      writeResults(taskId, t.results(), t.taskMetrics() == null);
    }
    if (t.taskMetrics() != null) {
      List<TaskMetric> rows = new ArrayList<>();
      for (TaskMetric m : t.taskMetrics()) {
        MetricKey key = new MetricKey(m.metric(), m.filter());
        rows.add(new TaskMetric(key.metric(), key.filter(), m.value(), nonNegative(m.stderr())));
      }
      TaskRows.insertMetrics(tx, taskId, rows);
    }
    tasks++;
    progress.checkCancelled();
    if (st.equals("failed")) {
      if ("unfinished".equals(extra.path("import_note").asText(null))) {
        anyUnfinished = true;
      } else {
        anyFailed = true;
      }
    }
  }

  private static String taskStatus(
      String status, Boolean success, Temporal end, boolean hasResults, ObjectNode extra) {
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

  private void writeResults(long taskId, LegacyResults results, boolean deriveMetrics) {
    Integer processed = results.samplesProcessed();
    if (processed != null && processed < 0) {
      processed = null;
    }
    ObjectNode metrics = JsonFiles.object(results.evaluationMetrics());
    TaskRows.insertResult(
        tx, taskId, processed, JsonSupport.jsonb(metrics), results.averageExecutionTime());
    if (!deriveMetrics) {
      return;
    }
    Map<String, TaskMetric> rows = new LinkedHashMap<>();
    metrics
        .fields()
        .forEachRemaining(
            e -> {
              Double v;
              try {
                v = JsonFiles.number(e.getValue());
              } catch (NumberFormatException ex) {
                return; // not a figure (a nested object, a note): kept in the raw JSON only
              }
              if (e.getKey().isBlank()) {
                return;
              }
              MetricKey key = MetricKey.of(e.getKey());
              rows.putIfAbsent(
                  key.metric(),
                  new TaskMetric(
                      key.metric(), key.filter(), v == null || v.isNaN() ? null : v, null));
            });
    TaskRows.insertMetrics(tx, taskId, new ArrayList<>(rows.values()));
  }

  // ---------------------------------------------------------------- predictions

  private long copy(LegacySessionReader.Predictions read, long taskId) throws IOException {
    try (PredictionCopy copy = new PredictionCopy(pg)) {
      read.forEach(
          p -> {
            copy.add(taskId, p);
            progress.prediction();
          });
      return copy.finish();
    } catch (SQLException e) {
      throw new ImportException(file, null, "cannot start COPY: " + e.getMessage(), e);
    }
  }
}
