package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;

import io.evalstation.model.EvaluationTask;
import io.evalstation.persistence.db.Database;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Tasks with their key metric, the one figure the operations views show per task (the first of
 * {@link #KEY_METRICS} a task has, else its first metric by name): a session's tasks for the
 * session detail, and the latest completed tasks for the dashboard.
 */
public final class KeyResultRepository {
  /** Metrics shown as a task's "key metric", best first. */
  public static final List<String> KEY_METRICS =
      List.of("pass_at_1", "acc_norm", "acc", "exact_match", "f1", "bleu", "perplexity");

  private final DSLContext dsl;

  /** Reads on the database's pool. */
  public KeyResultRepository(Database db) {
    this.dsl = Objects.requireNonNull(db, "db").dsl();
  }

  /**
   * A task as the session detail shows it.
   *
   * @param keyMetric the key metric's name, or null when the task has no metric
   * @param keyValue its value, or null
   * @param provenance the task's provenance JSON, pretty-printed, or empty
   */
  public record TaskRow(EvaluationTask task, String keyMetric, Double keyValue, String provenance) {
    /** "acc 0.734", or empty. */
    public String keyMetricText() {
      return keyValue == null ? "" : String.format("%s %.3f", keyMetric, keyValue);
    }
  }

  /** A finished task's key result for the dashboard. */
  public record RecentResult(
      String sessionKey,
      String model,
      String dataset,
      String metric,
      double value,
      Instant finishedAt) {}

  /** A session's tasks in index order, with their key metrics. */
  public List<TaskRow> sessionTasks(long sessionId) {
    var t = EVALUATION_TASKS;
    List<Record> rows =
        TaskRecords.select(dsl)
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
      EvaluationTask task = TaskRecords.toTask(r);
      Map<String, Double> m = metrics.getOrDefault(task.id(), Map.of());
      String key = keyMetric(m);
      out.add(
          new TaskRow(
              task,
              key,
              key == null ? null : m.get(key),
              SessionRepository.provenanceText(r.get(t.PROVENANCE))));
    }
    return out;
  }

  /** The latest key results of completed tasks, newest first. */
  public List<RecentResult> recentResults(int limit) {
    var t = EVALUATION_TASKS;
    var m = TASK_METRICS;
    Field<OffsetDateTime> finished = DSL.coalesce(t.END_TIME, t.UPDATED_AT).as("finished");
    var latest =
        dsl.select(t.TASK_ID)
            .from(t)
            .where(t.STATUS.eq("completed"))
            .orderBy(DSL.coalesce(t.END_TIME, t.UPDATED_AT).desc(), t.TASK_ID.desc())
            .limit(limit)
            .asTable("latest");
    List<Record> rows =
        TaskRecords.withSession(
                dsl.select(
                    t.TASK_ID,
                    EVALUATION_SESSIONS.SESSION_KEY,
                    MODELS.MODEL_NAME,
                    DATASETS.DATASET_NAME,
                    m.METRIC,
                    m.VALUE,
                    finished))
            .join(latest)
            .on(t.TASK_ID.eq(latest.field(t.TASK_ID)))
            .join(m)
            .on(m.TASK_ID.eq(t.TASK_ID))
            .where(m.VALUE.isNotNull())
            .orderBy(DSL.field("finished").desc(), t.TASK_ID.desc())
            .fetch()
            .stream()
            .map(r -> (Record) r)
            .toList();
    Map<Long, Map<String, Double>> byTask = new LinkedHashMap<>();
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
          out.add(
              new RecentResult(
                  r.get(EVALUATION_SESSIONS.SESSION_KEY),
                  r.get(MODELS.MODEL_NAME),
                  r.get(DATASETS.DATASET_NAME),
                  key,
                  metrics.get(key),
                  TaskRecords.instant(r.get(finished))));
        });
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
}
