package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.TASK_LOG_CHUNKS;
import static io.evalstation.persistence.jooq.Tables.TASK_MONITOR_STATE;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.PerfSample;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.Database;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Reads tasks: by id, by session, the ones a cluster monitor follows, a task's stored log and
 * performance samples, its status for a notification, and the history an ETA starts from. Moves are
 * {@link TaskLifecycleRepository}'s; what the monitor has read of a job's files is {@link
 * MonitorStateRepository}'s.
 */
public final class TaskRepository {
  private final DSLContext dsl;

  /** Reads on the database's pool. */
  public TaskRepository(Database db) {
    this(db.dsl());
  }

  /** Reads on {@code dsl} (a pool's or a transaction's). */
  public TaskRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** A task by id. */
  public Optional<EvaluationTask> find(long taskId) {
    return TaskRecords.find(dsl, taskId);
  }

  /** A session's task by its 0-based index. */
  public Optional<EvaluationTask> findByIndex(long sessionId, int index) {
    return TaskRecords.select(dsl)
        .where(EVALUATION_TASKS.SESSION_ID.eq(sessionId))
        .and(EVALUATION_TASKS.TASK_INDEX.eq(index))
        .fetchOptional(TaskRecords::toTask);
  }

  /** A session's tasks in index order. */
  public List<EvaluationTask> tasksOf(long sessionId) {
    return tasksOf(dsl, sessionId);
  }

  static List<EvaluationTask> tasksOf(DSLContext tx, long sessionId) {
    return TaskRecords.select(tx)
        .where(EVALUATION_TASKS.SESSION_ID.eq(sessionId))
        .orderBy(EVALUATION_TASKS.TASK_INDEX)
        .fetch(TaskRecords::toTask);
  }

  /**
   * The tasks on a cluster that SLURM still has to tell us about: queued or running with a job id.
   */
  public List<EvaluationTask> activeOnCluster(String cluster) {
    return TaskRecords.select(dsl)
        .join(EVALUATION_SESSIONS)
        .on(EVALUATION_SESSIONS.SESSION_ID.eq(EVALUATION_TASKS.SESSION_ID))
        .where(EVALUATION_SESSIONS.CLUSTER.eq(cluster))
        .and(active())
        .and(EVALUATION_TASKS.SLURM_JOB_ID.isNotNull())
        .orderBy(EVALUATION_TASKS.TASK_ID)
        .fetch(TaskRecords::toTask);
  }

  /** The names of the clusters that have queued or running tasks. */
  public List<String> clustersWithActiveTasks() {
    return dsl.selectDistinct(EVALUATION_SESSIONS.CLUSTER)
        .from(EVALUATION_TASKS)
        .join(EVALUATION_SESSIONS)
        .on(EVALUATION_SESSIONS.SESSION_ID.eq(EVALUATION_TASKS.SESSION_ID))
        .where(EVALUATION_SESSIONS.CLUSTER.isNotNull())
        .and(active())
        .fetch(EVALUATION_SESSIONS.CLUSTER);
  }

  private static Condition active() {
    return EVALUATION_TASKS.STATUS.in(TaskStatus.QUEUED.dbValue(), TaskStatus.RUNNING.dbValue());
  }

  /**
   * Mean seconds per sample of finished, completed tasks of this model on this dataset (or, failing
   * that, on any dataset); empty without history. Used for an ETA before throughput is known.
   */
  public Optional<Double> historicalSecondsPerSample(String model, String dataset) {
    Field<Double> perSample =
        DSL.avg(
                DSL.field(
                        "extract(epoch from ({0} - {1}))",
                        Double.class, EVALUATION_TASKS.END_TIME, EVALUATION_TASKS.START_TIME)
                    .div(EVALUATION_TASKS.SAMPLES_TOTAL))
            .cast(Double.class);
    Condition done =
        EVALUATION_TASKS
            .STATUS
            .eq(TaskStatus.COMPLETED.dbValue())
            .and(EVALUATION_TASKS.START_TIME.isNotNull())
            .and(EVALUATION_TASKS.END_TIME.isNotNull())
            .and(EVALUATION_TASKS.SAMPLES_TOTAL.gt(0))
            .and(MODELS.MODEL_NAME.eq(model));
    for (Condition c : List.of(done.and(DATASETS.DATASET_NAME.eq(dataset)), done)) {
      Double v = TaskRecords.named(dsl.select(perSample)).where(c).fetchOne(perSample);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * A task's status and names, for a notification that it moved.
   *
   * @param errorMessage why it failed or was cancelled, or null
   */
  public record TaskState(
      long taskId,
      long sessionId,
      String sessionKey,
      String model,
      String dataset,
      TaskStatus status,
      String errorMessage) {}

  /** A task's current status, for comparing with the last known one. */
  public Optional<TaskState> state(long taskId) {
    var t = EVALUATION_TASKS;
    return TaskRecords.withSession(
            dsl.select(
                t.TASK_ID,
                t.SESSION_ID,
                EVALUATION_SESSIONS.SESSION_KEY,
                MODELS.MODEL_NAME,
                DATASETS.DATASET_NAME,
                t.STATUS,
                t.ERROR_MESSAGE))
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

  /** A task's performance samples, oldest first. */
  public List<PerfSample> perfSamples(long taskId) {
    var p = PERFORMANCE_METRICS;
    return dsl.selectFrom(p)
        .where(p.TASK_ID.eq(taskId))
        .orderBy(p.RECORDED_AT, p.GPU_INDEX)
        .fetch(
            r ->
                new PerfSample(
                    r.getRecordedAt().toInstant(),
                    r.getGpuIndex(),
                    r.getGpuUtilization(),
                    r.getMemoryUsage(),
                    r.getMemoryUsedMib(),
                    r.getThroughput(),
                    r.getNodeName()));
  }

  /**
   * A piece of a job's log.
   *
   * @param text the text from {@code fromOffset} on (the log viewer appends it)
   * @param nextOffset pass it back to get only what follows
   */
  public record LogText(String text, long nextOffset) {}

  /**
   * The job's log as stored, from byte offset {@code fromOffset} on (0 for everything kept). Chunks
   * are stored whole: a caller that passes back {@link LogText#nextOffset} gets exactly the text
   * that was added since.
   */
  public LogText logSince(long taskId, long fromOffset) {
    StringBuilder sb = new StringBuilder();
    long next = fromOffset;
    var rows =
        dsl.select(TASK_LOG_CHUNKS.BYTE_OFFSET, TASK_LOG_CHUNKS.CHUNK)
            .from(TASK_LOG_CHUNKS)
            .where(TASK_LOG_CHUNKS.TASK_ID.eq(taskId))
            .and(TASK_LOG_CHUNKS.BYTE_OFFSET.ge(fromOffset))
            .orderBy(TASK_LOG_CHUNKS.BYTE_OFFSET)
            .fetch();
    for (var r : rows) {
      sb.append(r.value2());
      next = r.value1() + r.value2().getBytes(StandardCharsets.UTF_8).length;
    }
    Long end =
        dsl.select(TASK_MONITOR_STATE.LOG_OFFSET)
            .from(TASK_MONITOR_STATE)
            .where(TASK_MONITOR_STATE.TASK_ID.eq(taskId))
            .fetchOne(TASK_MONITOR_STATE.LOG_OFFSET);
    return new LogText(sb.toString(), end == null ? next : Math.max(next, end));
  }
}
