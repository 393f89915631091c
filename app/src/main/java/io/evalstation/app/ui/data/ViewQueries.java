package io.evalstation.app.ui.data;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.ModelInfo;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The reads (and registry edits) the operations views need, in one place. Until the import and
 * orchestration branches provide RegistryRepository and TaskRepository, the views read through
 * this; it returns model records or small view records, never jOOQ records.
 */
public final class ViewQueries {
  /** Metrics shown as a task's "key metric", best first. */
  private static final List<String> KEY_METRICS =
      List.of("pass_at_1", "acc_norm", "acc", "exact_match", "f1", "bleu", "perplexity");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final DSLContext dsl;

  public ViewQueries(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A task as the session detail shows it: the task, its key metric and its provenance. */
  public record TaskRow(EvaluationTask task, String keyMetric, Double keyValue, String provenance) {
    /** "acc 0.734", or empty. */
    public String keyMetricText() {
      return keyValue == null ? "" : String.format("%s %.3f", keyMetric, keyValue);
    }
  }

  /** One point of a performance chart: averages over the GPUs at that instant. */
  public record PerfPoint(
      Instant at, Double gpuUtilization, Double memoryUsage, Double throughput) {}

  /** A finished task's key result for the dashboard. */
  public record RecentResult(
      String sessionKey,
      String model,
      String dataset,
      String metric,
      double value,
      Instant finishedAt) {}

  /** A task's status and names, for notifications. */
  public record TaskState(
      long taskId,
      long sessionId,
      String sessionKey,
      String model,
      String dataset,
      TaskStatus status,
      String errorMessage) {}

  /** Every model, by name. */
  public List<ModelInfo> models() {
    return dsl.selectFrom(MODELS)
        .orderBy(MODELS.MODEL_NAME)
        .fetch(
            r ->
                new ModelInfo(
                    r.getModelName(),
                    r.getModelFamily(),
                    r.getParameterCount(),
                    r.getSpecialization(),
                    r.getBackend(),
                    r.getWeights()));
  }

  /** Every dataset, by name. */
  public List<DatasetInfo> datasets() {
    return dsl.selectFrom(DATASETS)
        .orderBy(DATASETS.DATASET_NAME)
        .fetch(
            r ->
                new DatasetInfo(
                    r.getDatasetName(),
                    r.getTaskType(),
                    r.getCategory(),
                    r.getSampleCount(),
                    r.getFilePath(),
                    r.getHarnessTask()));
  }

  /** Writes a model's descriptive fields; the model must exist. */
  public void updateModel(ModelInfo m) {
    int n =
        dsl.update(MODELS)
            .set(MODELS.MODEL_FAMILY, m.family())
            .set(MODELS.PARAMETER_COUNT, m.parameterCount())
            .set(MODELS.SPECIALIZATION, m.specialization())
            .set(MODELS.BACKEND, m.backend())
            .set(MODELS.WEIGHTS, m.weights())
            .set(MODELS.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(MODELS.MODEL_NAME.eq(m.name()))
            .execute();
    if (n != 1) {
      throw new IllegalArgumentException("model " + m.name() + " does not exist");
    }
  }

  /** Writes a dataset's descriptive fields; the dataset must exist. */
  public void updateDataset(DatasetInfo d) {
    int n =
        dsl.update(DATASETS)
            .set(DATASETS.TASK_TYPE, d.taskType())
            .set(DATASETS.CATEGORY, d.category())
            .set(DATASETS.SAMPLE_COUNT, d.sampleCount())
            .set(DATASETS.FILE_PATH, d.filePath())
            .set(DATASETS.HARNESS_TASK, d.harnessTask())
            .set(DATASETS.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(DATASETS.DATASET_NAME.eq(d.name()))
            .execute();
    if (n != 1) {
      throw new IllegalArgumentException("dataset " + d.name() + " does not exist");
    }
  }

  /** A session's tasks in index order, with key metrics. */
  public List<TaskRow> tasks(long sessionId) {
    var t = EVALUATION_TASKS;
    List<Record> rows =
        dsl
            .select(t.fields())
            .select(MODELS.MODEL_NAME, DATASETS.DATASET_NAME)
            .from(t)
            .join(MODELS)
            .on(MODELS.MODEL_ID.eq(t.MODEL_ID))
            .join(DATASETS)
            .on(DATASETS.DATASET_ID.eq(t.DATASET_ID))
            .where(t.SESSION_ID.eq(sessionId))
            .orderBy(t.TASK_INDEX)
            .fetch()
            .stream()
            .map(r -> (Record) r)
            .toList();
    Map<Long, Map<String, Double>> metrics = new HashMap<>();
    dsl.select(TASK_METRICS.TASK_ID, TASK_METRICS.METRIC, TASK_METRICS.VALUE)
        .from(TASK_METRICS)
        .join(t)
        .on(t.TASK_ID.eq(TASK_METRICS.TASK_ID))
        .where(t.SESSION_ID.eq(sessionId))
        .orderBy(TASK_METRICS.FILTER)
        .forEach(
            r ->
                metrics
                    .computeIfAbsent(r.value1(), k -> new HashMap<>())
                    .putIfAbsent(r.value2(), r.value3()));
    List<TaskRow> out = new ArrayList<>(rows.size());
    for (Record r : rows) {
      EvaluationTask task = toTask(r);
      Map<String, Double> m = metrics.getOrDefault(task.id(), Map.of());
      String key = keyMetric(m);
      out.add(new TaskRow(task, key, key == null ? null : m.get(key), pretty(r.get(t.PROVENANCE))));
    }
    return out;
  }

  private static String keyMetric(Map<String, Double> metrics) {
    for (String k : KEY_METRICS) {
      if (metrics.get(k) != null) {
        return k;
      }
    }
    return metrics.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElse(null);
  }

  /** The session's provenance JSON, pretty-printed. */
  public String sessionProvenance(long sessionId) {
    return dsl.select(EVALUATION_SESSIONS.PROVENANCE)
        .from(EVALUATION_SESSIONS)
        .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
        .fetchOptional(r -> pretty(r.value1()))
        .orElse("");
  }

  /**
   * Performance over {@code minutes} minutes, averaged over GPUs per instant; for one session, or
   * all (sessionId null). The window ends now, or at the last sample when nothing is recent, so a
   * finished session still shows its curves.
   */
  public List<PerfPoint> performance(Long sessionId, int minutes) {
    var p = PERFORMANCE_METRICS;
    var where = sessionId == null ? DSL.noCondition() : p.SESSION_ID.eq(sessionId);
    OffsetDateTime last =
        dsl.select(DSL.max(p.RECORDED_AT)).from(p).where(where).fetchOne().value1();
    if (last == null) {
      return List.of();
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime end = last.isAfter(now.minusMinutes(minutes)) ? now : last;
    OffsetDateTime start = end.minusMinutes(minutes);
    return dsl.select(
            p.RECORDED_AT,
            DSL.avg(p.GPU_UTILIZATION),
            DSL.avg(p.MEMORY_USAGE),
            DSL.sum(p.THROUGHPUT))
        .from(p)
        .where(where.and(p.RECORDED_AT.between(start, end)))
        .groupBy(p.RECORDED_AT)
        .orderBy(p.RECORDED_AT)
        .fetch(
            r ->
                new PerfPoint(
                    r.value1().toInstant(),
                    r.value2() == null ? null : r.value2().doubleValue(),
                    r.value3() == null ? null : r.value3().doubleValue(),
                    r.value4() == null ? null : r.value4().doubleValue()));
  }

  /** The latest key results of completed tasks, newest first. */
  public List<RecentResult> recentResults(int limit) {
    var t = EVALUATION_TASKS;
    var m = TASK_METRICS;
    var latest =
        dsl.select(t.TASK_ID)
            .from(t)
            .where(t.STATUS.eq("completed"))
            .orderBy(DSL.coalesce(t.END_TIME, t.UPDATED_AT).desc(), t.TASK_ID.desc())
            .limit(limit)
            .asTable("latest");
    List<Record> rows =
        dsl
            .select(
                t.TASK_ID,
                EVALUATION_SESSIONS.SESSION_KEY,
                MODELS.MODEL_NAME,
                DATASETS.DATASET_NAME,
                m.METRIC,
                m.VALUE,
                DSL.coalesce(t.END_TIME, t.UPDATED_AT).as("finished"))
            .from(t)
            .join(latest)
            .on(t.TASK_ID.eq(latest.field(t.TASK_ID)))
            .join(EVALUATION_SESSIONS)
            .on(EVALUATION_SESSIONS.SESSION_ID.eq(t.SESSION_ID))
            .join(MODELS)
            .on(MODELS.MODEL_ID.eq(t.MODEL_ID))
            .join(DATASETS)
            .on(DATASETS.DATASET_ID.eq(t.DATASET_ID))
            .join(m)
            .on(m.TASK_ID.eq(t.TASK_ID))
            .where(m.VALUE.isNotNull())
            .orderBy(DSL.field("finished").desc(), t.TASK_ID.desc())
            .fetch()
            .stream()
            .map(r -> (Record) r)
            .toList();
    Map<Long, Map<String, Double>> byTask = new java.util.LinkedHashMap<>();
    Map<Long, Record> first = new HashMap<>();
    for (Record r : rows) {
      byTask
          .computeIfAbsent(r.get(t.TASK_ID), k -> new HashMap<>())
          .put(r.get(m.METRIC), r.get(m.VALUE));
      first.putIfAbsent(r.get(t.TASK_ID), r);
    }
    List<RecentResult> out = new ArrayList<>();
    byTask.forEach(
        (id, metrics) -> {
          Record r = first.get(id);
          String key = keyMetric(metrics);
          OffsetDateTime finished = r.get("finished", OffsetDateTime.class);
          out.add(
              new RecentResult(
                  r.get(EVALUATION_SESSIONS.SESSION_KEY),
                  r.get(MODELS.MODEL_NAME),
                  r.get(DATASETS.DATASET_NAME),
                  key,
                  metrics.get(key),
                  finished == null ? null : finished.toInstant()));
        });
    return out;
  }

  /** A task's current status, for comparing with the last known one. */
  public Optional<TaskState> taskState(long taskId) {
    var t = EVALUATION_TASKS;
    return dsl.select(
            t.TASK_ID,
            t.SESSION_ID,
            EVALUATION_SESSIONS.SESSION_KEY,
            MODELS.MODEL_NAME,
            DATASETS.DATASET_NAME,
            t.STATUS,
            t.ERROR_MESSAGE)
        .from(t)
        .join(EVALUATION_SESSIONS)
        .on(EVALUATION_SESSIONS.SESSION_ID.eq(t.SESSION_ID))
        .join(MODELS)
        .on(MODELS.MODEL_ID.eq(t.MODEL_ID))
        .join(DATASETS)
        .on(DATASETS.DATASET_ID.eq(t.DATASET_ID))
        .where(t.TASK_ID.eq(taskId))
        .fetchOptional(
            r ->
                new TaskState(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    TaskStatus.parse(r.value6()),
                    r.value7()));
  }

  private static EvaluationTask toTask(Record r) {
    var t = EVALUATION_TASKS;
    return new EvaluationTask(
        r.get(t.TASK_ID),
        r.get(t.SESSION_ID),
        r.get(t.TASK_INDEX),
        r.get(MODELS.MODEL_NAME),
        r.get(DATASETS.DATASET_NAME),
        r.get(t.PRESET),
        r.get(t.SAMPLE_LIMIT),
        Priority.parse(r.get(t.PRIORITY)),
        TaskStatus.parse(r.get(t.STATUS)),
        r.get(t.FAILURE_CAUSE) == null ? null : FailureCause.valueOf(r.get(t.FAILURE_CAUSE)),
        r.get(t.EXIT_CODE),
        r.get(t.ERROR_MESSAGE),
        r.get(t.SLURM_JOB_ID),
        r.get(t.NODE_NAME),
        instant(r.get(t.START_TIME)),
        instant(r.get(t.END_TIME)),
        r.get(t.SAMPLES_DONE),
        r.get(t.SAMPLES_TOTAL),
        r.get(t.ROW_VERSION));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static String pretty(JSONB json) {
    if (json == null || json.data() == null) {
      return "";
    }
    try {
      return JSON.writeValueAsString(JSON.readTree(json.data()));
    } catch (java.io.IOException e) {
      return json.data();
    }
  }
}
