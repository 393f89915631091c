package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.TASK_LOG_CHUNKS;
import static io.evalstation.persistence.jooq.Tables.TASK_MONITOR_STATE;

import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Names;
import io.evalstation.model.PerfSample;
import io.evalstation.model.Priority;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.SourceKind;
import io.evalstation.model.TaskSpec;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.OptimisticLockException;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/**
 * A launched task's life in the database: creating a session with its tasks, every move of a task
 * (pending → queued → running → completed / failed / cancelled, and back to pending on resubmit),
 * progress, performance samples, and what the cluster monitor has read so far of each task's files.
 *
 * <p>Every move is one transaction that checks the task's row version ({@code UPDATE … WHERE
 * row_version = ?}); a row changed in between raises {@link OptimisticLockException}, and a move
 * that is not part of a task's life ({@link TaskStatus#canMoveTo}) raises {@link
 * IllegalStateException}. In the same transaction the session's status is derived again from its
 * tasks ({@link SessionStatus#derive}). Methods that take a {@link DSLContext} run inside the
 * caller's transaction (the importer completes a task in the transaction that stores its results);
 * the others open their own.
 */
public final class TaskRepository {
  /** How much of a job's log is kept in the database, per task: the newest chunks win. */
  public static final int LOG_KEEP_CHARS = 1_000_000;

  private final DSLContext dsl;

  public TaskRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  // ---------------------------------------------------------------- creating

  /**
   * What a launch stores before anything reaches the cluster.
   *
   * @param key the session's key (unique; a suffix is added when taken)
   * @param category the session's category, may be null
   * @param cluster the cluster profile's name
   * @param tasks the grid, one task per entry, in order
   */
  public record NewSession(String key, String category, String cluster, List<TaskSpec> tasks) {
    public NewSession {
      Names.requireName("session key", key);
      Names.requireName("cluster", cluster);
      if (category != null) {
        Names.requireName("category", category);
      }
      if (tasks == null || tasks.isEmpty()) {
        throw new IllegalArgumentException("a session needs at least one task");
      }
      tasks = List.copyOf(tasks);
    }
  }

  /**
   * A session with its tasks, as stored.
   *
   * @param session the session
   * @param tasks its tasks in index order
   */
  public record SessionWithTasks(EvaluationSession session, List<EvaluationTask> tasks) {
    public SessionWithTasks {
      tasks = List.copyOf(tasks);
    }
  }

  /**
   * Stores a session and its tasks as {@code pending} in one transaction, registering models and
   * datasets not yet known by name.
   */
  public SessionWithTasks createSession(NewSession spec) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          Map<String, Long> models = new HashMap<>();
          Map<String, Long> datasets = new HashMap<>();
          for (TaskSpec t : spec.tasks()) {
            models.computeIfAbsent(t.model(), n -> modelId(tx, n));
            datasets.computeIfAbsent(t.dataset(), n -> datasetId(tx, n));
          }
          String key = freeKey(tx, spec.key());
          long sessionId =
              tx.insertInto(EVALUATION_SESSIONS)
                  .set(EVALUATION_SESSIONS.SESSION_KEY, key)
                  .set(EVALUATION_SESSIONS.SOURCE_KIND, SourceKind.LAUNCH.dbValue())
                  .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, key)
                  .set(EVALUATION_SESSIONS.CATEGORY, spec.category())
                  .set(EVALUATION_SESSIONS.STATUS, SessionStatus.QUEUED.dbValue())
                  .set(EVALUATION_SESSIONS.CLUSTER, spec.cluster())
                  .returning(EVALUATION_SESSIONS.SESSION_ID)
                  .fetchOne()
                  .getSessionId();
          int index = 0;
          for (TaskSpec t : spec.tasks()) {
            tx.insertInto(EVALUATION_TASKS)
                .set(EVALUATION_TASKS.SESSION_ID, sessionId)
                .set(EVALUATION_TASKS.TASK_INDEX, index++)
                .set(EVALUATION_TASKS.MODEL_ID, models.get(t.model()))
                .set(EVALUATION_TASKS.DATASET_ID, datasets.get(t.dataset()))
                .set(EVALUATION_TASKS.PRESET, t.preset())
                .set(EVALUATION_TASKS.SAMPLE_LIMIT, t.sampleLimit())
                .set(EVALUATION_TASKS.SAMPLES_TOTAL, t.sampleLimit())
                .set(EVALUATION_TASKS.PRIORITY, t.priority().dbValue())
                .set(EVALUATION_TASKS.STATUS, TaskStatus.PENDING.dbValue())
                .execute();
          }
          EvaluationSession session =
              SessionRepository.toSession(
                  tx.selectFrom(EVALUATION_SESSIONS)
                      .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
                      .fetchOne());
          return new SessionWithTasks(session, tasksOf(tx, sessionId));
        });
  }

  private static String freeKey(DSLContext tx, String wanted) {
    String key = wanted;
    for (int n = 2;
        tx.fetchExists(EVALUATION_SESSIONS, EVALUATION_SESSIONS.SESSION_KEY.eq(key));
        n++) {
      key = wanted + "-" + n;
    }
    return key;
  }

  private static long modelId(DSLContext tx, String name) {
    tx.insertInto(MODELS).set(MODELS.MODEL_NAME, name).onConflictDoNothing().execute();
    return tx.select(MODELS.MODEL_ID)
        .from(MODELS)
        .where(MODELS.MODEL_NAME.eq(name))
        .fetchSingle()
        .value1();
  }

  private static long datasetId(DSLContext tx, String name) {
    tx.insertInto(DATASETS).set(DATASETS.DATASET_NAME, name).onConflictDoNothing().execute();
    return tx.select(DATASETS.DATASET_ID)
        .from(DATASETS)
        .where(DATASETS.DATASET_NAME.eq(name))
        .fetchSingle()
        .value1();
  }

  // ---------------------------------------------------------------- reading

  /** A task by id. */
  public Optional<EvaluationTask> find(long taskId) {
    return find(dsl, taskId);
  }

  /** A task by id, in the caller's transaction. */
  public Optional<EvaluationTask> find(DSLContext tx, long taskId) {
    return selectTasks(tx).where(EVALUATION_TASKS.TASK_ID.eq(taskId)).fetchOptional(this::toTask);
  }

  /** A session's task by its 0-based index. */
  public Optional<EvaluationTask> findByIndex(long sessionId, int index) {
    return selectTasks(dsl)
        .where(EVALUATION_TASKS.SESSION_ID.eq(sessionId))
        .and(EVALUATION_TASKS.TASK_INDEX.eq(index))
        .fetchOptional(this::toTask);
  }

  /** A session's tasks in index order. */
  public List<EvaluationTask> tasksOf(long sessionId) {
    return tasksOf(dsl, sessionId);
  }

  private List<EvaluationTask> tasksOf(DSLContext tx, long sessionId) {
    return selectTasks(tx)
        .where(EVALUATION_TASKS.SESSION_ID.eq(sessionId))
        .orderBy(EVALUATION_TASKS.TASK_INDEX)
        .fetch(this::toTask);
  }

  /**
   * The tasks on a cluster that SLURM still has to tell us about: queued or running with a job id.
   */
  public List<EvaluationTask> activeOnCluster(String cluster) {
    return selectTasks(dsl)
        .join(EVALUATION_SESSIONS)
        .on(EVALUATION_SESSIONS.SESSION_ID.eq(EVALUATION_TASKS.SESSION_ID))
        .where(EVALUATION_SESSIONS.CLUSTER.eq(cluster))
        .and(EVALUATION_TASKS.STATUS.in(TaskStatus.QUEUED.dbValue(), TaskStatus.RUNNING.dbValue()))
        .and(EVALUATION_TASKS.SLURM_JOB_ID.isNotNull())
        .orderBy(EVALUATION_TASKS.TASK_ID)
        .fetch(this::toTask);
  }

  /** The names of the clusters that have queued or running tasks. */
  public List<String> clustersWithActiveTasks() {
    return dsl.selectDistinct(EVALUATION_SESSIONS.CLUSTER)
        .from(EVALUATION_TASKS)
        .join(EVALUATION_SESSIONS)
        .on(EVALUATION_SESSIONS.SESSION_ID.eq(EVALUATION_TASKS.SESSION_ID))
        .where(EVALUATION_SESSIONS.CLUSTER.isNotNull())
        .and(EVALUATION_TASKS.STATUS.in(TaskStatus.QUEUED.dbValue(), TaskStatus.RUNNING.dbValue()))
        .fetch(EVALUATION_SESSIONS.CLUSTER);
  }

  /** Whether the user cancelled the session as a whole. */
  public boolean isCancelledByUser(long sessionId) {
    return dsl.fetchExists(
        EVALUATION_SESSIONS,
        EVALUATION_SESSIONS
            .SESSION_ID
            .eq(sessionId)
            .and(EVALUATION_SESSIONS.CANCELLED_AT.isNotNull()));
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
      Double v =
          dsl.select(perSample)
              .from(EVALUATION_TASKS)
              .join(MODELS)
              .on(MODELS.MODEL_ID.eq(EVALUATION_TASKS.MODEL_ID))
              .join(DATASETS)
              .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID))
              .where(c)
              .fetchOne(perSample);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static SelectOnConditionStep<Record> selectTasks(DSLContext tx) {
    return tx.select(EVALUATION_TASKS.fields())
        .select(MODELS.MODEL_NAME, DATASETS.DATASET_NAME)
        .from(EVALUATION_TASKS)
        .join(MODELS)
        .on(MODELS.MODEL_ID.eq(EVALUATION_TASKS.MODEL_ID))
        .join(DATASETS)
        .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID));
  }

  private EvaluationTask toTask(Record r) {
    var t = EVALUATION_TASKS;
    String cause = r.get(t.FAILURE_CAUSE);
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
        cause == null ? null : FailureCause.valueOf(cause),
        r.get(t.EXIT_CODE),
        r.get(t.ERROR_MESSAGE),
        r.get(t.SLURM_JOB_ID),
        r.get(t.NODE_NAME),
        SessionRepository.toInstant(r.get(t.START_TIME)),
        SessionRepository.toInstant(r.get(t.END_TIME)),
        r.get(t.SAMPLES_DONE),
        r.get(t.SAMPLES_TOTAL),
        r.get(t.ROW_VERSION));
  }

  // ---------------------------------------------------------------- moves

  /**
   * pending → queued: sbatch accepted the job.
   *
   * @param remoteDir the task's directory on the cluster, where the monitor finds its files
   */
  public EvaluationTask markQueued(
      long taskId, int expectedVersion, long jobId, String remoteDir, Instant submittedAt) {
    Objects.requireNonNull(remoteDir, "remoteDir");
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          Map<Field<?>, Object> set = new HashMap<>();
          set.put(EVALUATION_TASKS.SLURM_JOB_ID, jobId);
          set.put(EVALUATION_TASKS.SUBMITTED_AT, at(submittedAt));
          EvaluationTask t = move(tx, taskId, expectedVersion, TaskStatus.QUEUED, set);
          tx.insertInto(TASK_MONITOR_STATE)
              .set(TASK_MONITOR_STATE.TASK_ID, taskId)
              .set(TASK_MONITOR_STATE.REMOTE_DIR, remoteDir)
              .onConflict(TASK_MONITOR_STATE.TASK_ID)
              .doUpdate()
              .set(TASK_MONITOR_STATE.REMOTE_DIR, remoteDir)
              .set(TASK_MONITOR_STATE.LOG_OFFSET, 0L)
              .set(TASK_MONITOR_STATE.GPU_CSV_OFFSET, 0L)
              .set(TASK_MONITOR_STATE.PROGRESS_OFFSET, 0L)
              .set(TASK_MONITOR_STATE.UPDATED_AT, DSL.currentOffsetDateTime())
              .execute();
          tx.deleteFrom(TASK_LOG_CHUNKS).where(TASK_LOG_CHUNKS.TASK_ID.eq(taskId)).execute();
          return t;
        });
  }

  /** queued → running (or running → running with a node now known). */
  public EvaluationTask markRunning(
      long taskId, int expectedVersion, String nodeName, Instant startTime) {
    return dsl.transactionResult(
        cfg -> {
          Map<Field<?>, Object> set = new HashMap<>();
          set.put(EVALUATION_TASKS.NODE_NAME, nodeName);
          set.put(EVALUATION_TASKS.START_TIME, at(startTime == null ? Instant.now() : startTime));
          return move(cfg.dsl(), taskId, expectedVersion, TaskStatus.RUNNING, set);
        });
  }

  /** running (or queued, for a job too short to be seen running) → completed. */
  public EvaluationTask markCompleted(long taskId, int expectedVersion, Instant endTime) {
    return dsl.transactionResult(
        cfg -> markCompleted(cfg.dsl(), taskId, expectedVersion, null, endTime));
  }

  /**
   * Completes a task in the caller's transaction (the one that stored its results).
   *
   * @param startTime when the job started, if known and not yet stored; may be null
   */
  public EvaluationTask markCompleted(
      DSLContext tx, long taskId, int expectedVersion, Instant startTime, Instant endTime) {
    Map<Field<?>, Object> set = new HashMap<>();
    Instant end = endTime == null ? Instant.now() : endTime;
    set.put(EVALUATION_TASKS.END_TIME, at(end));
    if (startTime != null) {
      set.put(
          EVALUATION_TASKS.START_TIME,
          DSL.coalesce(EVALUATION_TASKS.START_TIME, DSL.val(at(startTime))));
    }
    set.put(
        EVALUATION_TASKS.SAMPLES_DONE,
        DSL.coalesce(EVALUATION_TASKS.SAMPLES_TOTAL, EVALUATION_TASKS.SAMPLES_DONE));
    set.put(EVALUATION_TASKS.FAILURE_CAUSE, null);
    set.put(EVALUATION_TASKS.EXIT_CODE, 0);
    set.put(EVALUATION_TASKS.ERROR_MESSAGE, null);
    return move(tx, taskId, expectedVersion, TaskStatus.COMPLETED, set);
  }

  /** → failed with its cause, exit code (may be null) and message (may be null). */
  public EvaluationTask markFailed(
      long taskId,
      int expectedVersion,
      FailureCause cause,
      Integer exitCode,
      String message,
      Instant endTime) {
    return dsl.transactionResult(
        cfg -> markFailed(cfg.dsl(), taskId, expectedVersion, cause, exitCode, message, endTime));
  }

  /** → failed, in the caller's transaction. */
  public EvaluationTask markFailed(
      DSLContext tx,
      long taskId,
      int expectedVersion,
      FailureCause cause,
      Integer exitCode,
      String message,
      Instant endTime) {
    Objects.requireNonNull(cause, "cause");
    Map<Field<?>, Object> set = new HashMap<>();
    set.put(EVALUATION_TASKS.FAILURE_CAUSE, cause.name());
    set.put(EVALUATION_TASKS.EXIT_CODE, exitCode);
    set.put(EVALUATION_TASKS.ERROR_MESSAGE, truncate(message, 4000));
    set.put(EVALUATION_TASKS.END_TIME, at(endTime == null ? Instant.now() : endTime));
    return move(tx, taskId, expectedVersion, TaskStatus.FAILED, set);
  }

  /** → cancelled, by the user or by SLURM (the message says which). */
  public EvaluationTask markCancelled(
      long taskId, int expectedVersion, String message, Instant endTime) {
    return dsl.transactionResult(
        cfg -> {
          Map<Field<?>, Object> set = new HashMap<>();
          set.put(EVALUATION_TASKS.ERROR_MESSAGE, truncate(message, 4000));
          set.put(EVALUATION_TASKS.END_TIME, at(endTime == null ? Instant.now() : endTime));
          return move(cfg.dsl(), taskId, expectedVersion, TaskStatus.CANCELLED, set);
        });
  }

  /**
   * failed / cancelled → pending (resubmit), or queued → pending (the job vanished before it
   * started): the job id, node, times, cause, progress and the monitor's offsets are cleared.
   */
  public EvaluationTask resetToPending(long taskId, int expectedVersion) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          Map<Field<?>, Object> set = new HashMap<>();
          for (Field<?> f :
              List.of(
                  EVALUATION_TASKS.SLURM_JOB_ID,
                  EVALUATION_TASKS.NODE_NAME,
                  EVALUATION_TASKS.SUBMITTED_AT,
                  EVALUATION_TASKS.START_TIME,
                  EVALUATION_TASKS.END_TIME,
                  EVALUATION_TASKS.FAILURE_CAUSE,
                  EVALUATION_TASKS.EXIT_CODE,
                  EVALUATION_TASKS.ERROR_MESSAGE,
                  EVALUATION_TASKS.SAMPLES_DONE)) {
            set.put(f, null);
          }
          set.put(EVALUATION_TASKS.SAMPLES_TOTAL, EVALUATION_TASKS.SAMPLE_LIMIT);
          EvaluationTask t = move(tx, taskId, expectedVersion, TaskStatus.PENDING, set);
          tx.deleteFrom(TASK_MONITOR_STATE).where(TASK_MONITOR_STATE.TASK_ID.eq(taskId)).execute();
          tx.deleteFrom(TASK_LOG_CHUNKS).where(TASK_LOG_CHUNKS.TASK_ID.eq(taskId)).execute();
          // A resubmitted task lifts the session's user cancel: the user wants it to run again.
          tx.update(EVALUATION_SESSIONS)
              .setNull(EVALUATION_SESSIONS.CANCELLED_AT)
              .setNull(EVALUATION_SESSIONS.CANCELLED_BY)
              .where(EVALUATION_SESSIONS.SESSION_ID.eq(t.sessionId()))
              .and(EVALUATION_SESSIONS.CANCELLED_AT.isNotNull())
              .execute();
          deriveSessionStatus(tx, t.sessionId());
          return find(tx, taskId).orElseThrow();
        });
  }

  /**
   * Records that the user cancelled the whole session (the tasks' own cancels are separate moves);
   * the session stays {@code cancelled} whatever its tasks do afterwards.
   */
  public EvaluationSession markSessionCancelled(long sessionId, String by) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          int n =
              tx.update(EVALUATION_SESSIONS)
                  .set(EVALUATION_SESSIONS.CANCELLED_AT, DSL.currentOffsetDateTime())
                  .set(EVALUATION_SESSIONS.CANCELLED_BY, by)
                  .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
                  .execute();
          if (n == 0) {
            throw new IllegalArgumentException("session " + sessionId + " does not exist");
          }
          deriveSessionStatus(tx, sessionId);
          return SessionRepository.toSession(
              tx.selectFrom(EVALUATION_SESSIONS)
                  .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
                  .fetchOne());
        });
  }

  private EvaluationTask move(
      DSLContext tx,
      long taskId,
      int expectedVersion,
      TaskStatus target,
      Map<Field<?>, Object> set) {
    EvaluationTask current =
        find(tx, taskId)
            .orElseThrow(() -> new IllegalArgumentException("task " + taskId + " does not exist"));
    if (current.version() != expectedVersion) {
      throw new OptimisticLockException(
          "task "
              + taskId
              + " changed since it was read (version "
              + expectedVersion
              + ", now "
              + current.version()
              + ", "
              + current.status().dbValue()
              + ")");
    }
    if (!current.status().canMoveTo(target)) {
      throw new IllegalStateException(
          "task "
              + taskId
              + " cannot move from "
              + current.status().dbValue()
              + " to "
              + target.dbValue());
    }
    Map<Field<?>, Object> all = new HashMap<>(set);
    all.put(EVALUATION_TASKS.STATUS, target.dbValue());
    all.put(EVALUATION_TASKS.ROW_VERSION, EVALUATION_TASKS.ROW_VERSION.plus(1));
    int n =
        tx.update(EVALUATION_TASKS)
            .set(all)
            .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
            .and(EVALUATION_TASKS.ROW_VERSION.eq(expectedVersion))
            .execute();
    if (n == 0) {
      throw new OptimisticLockException(
          "task " + taskId + " changed while moving it to " + target.dbValue());
    }
    deriveSessionStatus(tx, current.sessionId());
    return find(tx, taskId).orElseThrow();
  }

  /**
   * Derives the session's status, start and end from its tasks, in the caller's transaction; the
   * session row is written (and its version raised) only when something changed.
   */
  public SessionStatus deriveSessionStatus(DSLContext tx, long sessionId) {
    EvaluationSessionsRecord s =
        tx.selectFrom(EVALUATION_SESSIONS)
            .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
            .forUpdate()
            .fetchOne();
    if (s == null) {
      throw new IllegalArgumentException("session " + sessionId + " does not exist");
    }
    List<TaskStatus> statuses =
        tx.select(EVALUATION_TASKS.STATUS)
            .from(EVALUATION_TASKS)
            .where(EVALUATION_TASKS.SESSION_ID.eq(sessionId))
            .fetch(r -> TaskStatus.parse(r.value1()));
    SessionStatus status = SessionStatus.derive(statuses, s.getCancelledAt() != null);
    var times =
        tx.select(DSL.min(EVALUATION_TASKS.START_TIME), DSL.max(EVALUATION_TASKS.END_TIME))
            .from(EVALUATION_TASKS)
            .where(EVALUATION_TASKS.SESSION_ID.eq(sessionId))
            .fetchOne();
    OffsetDateTime start = times.value1();
    OffsetDateTime end = status.isFinal() ? times.value2() : null;
    if (end == null && status.isFinal()) {
      end = OffsetDateTime.now(ZoneOffset.UTC);
    }
    if (end != null && start != null && end.isBefore(start)) {
      end = start;
    }
    if (!status.dbValue().equals(s.getStatus())
        || !Objects.equals(start, s.getStartTime())
        || !Objects.equals(end, s.getEndTime())) {
      tx.update(EVALUATION_SESSIONS)
          .set(EVALUATION_SESSIONS.STATUS, status.dbValue())
          .set(EVALUATION_SESSIONS.START_TIME, start)
          .set(EVALUATION_SESSIONS.END_TIME, end)
          .set(EVALUATION_SESSIONS.ROW_VERSION, EVALUATION_SESSIONS.ROW_VERSION.plus(1))
          .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
          .execute();
    }
    return status;
  }

  // ---------------------------------------------------------------- monitoring

  /**
   * How far the monitor has read a task's files.
   *
   * @param taskId the task
   * @param remoteDir its directory on the cluster
   * @param logOffset bytes of the job's log read so far
   * @param gpuCsvOffset bytes of the GPU sampler CSV read so far
   * @param progressOffset bytes of the progress file read so far
   */
  public record MonitorState(
      long taskId, String remoteDir, long logOffset, long gpuCsvOffset, long progressOffset) {}

  /**
   * What one poll read of a task's files, written with the new offsets in one transaction so that a
   * crash between reading and writing only means reading the same bytes again.
   *
   * @param newLogOffset, newGpuCsvOffset, newProgressOffset offsets after this read
   * @param logText the log text read (starting at the old log offset), may be empty
   * @param samplesDone progress, or null when the read said nothing new
   * @param samplesTotal total samples, or null when unknown
   * @param perf performance samples read
   */
  public record MonitorRead(
      long newLogOffset,
      long newGpuCsvOffset,
      long newProgressOffset,
      String logText,
      Integer samplesDone,
      Integer samplesTotal,
      List<PerfSample> perf) {
    public MonitorRead {
      logText = logText == null ? "" : logText;
      perf = perf == null ? List.of() : List.copyOf(perf);
    }
  }

  /** The monitor's state for a task, once it has been queued. */
  public Optional<MonitorState> monitorState(long taskId) {
    return dsl.selectFrom(TASK_MONITOR_STATE)
        .where(TASK_MONITOR_STATE.TASK_ID.eq(taskId))
        .fetchOptional(
            r ->
                new MonitorState(
                    r.getTaskId(),
                    r.getRemoteDir(),
                    r.getLogOffset(),
                    r.getGpuCsvOffset(),
                    r.getProgressOffset()));
  }

  /**
   * Stores what a poll read, only if the offsets are still those it started from (another monitor
   * may have taken over): returns false, storing nothing, when they moved.
   */
  public boolean recordMonitorRead(MonitorState from, MonitorRead read) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = cfg.dsl();
          int n =
              tx.update(TASK_MONITOR_STATE)
                  .set(TASK_MONITOR_STATE.LOG_OFFSET, read.newLogOffset())
                  .set(TASK_MONITOR_STATE.GPU_CSV_OFFSET, read.newGpuCsvOffset())
                  .set(TASK_MONITOR_STATE.PROGRESS_OFFSET, read.newProgressOffset())
                  .set(TASK_MONITOR_STATE.UPDATED_AT, DSL.currentOffsetDateTime())
                  .where(TASK_MONITOR_STATE.TASK_ID.eq(from.taskId()))
                  .and(TASK_MONITOR_STATE.LOG_OFFSET.eq(from.logOffset()))
                  .and(TASK_MONITOR_STATE.GPU_CSV_OFFSET.eq(from.gpuCsvOffset()))
                  .and(TASK_MONITOR_STATE.PROGRESS_OFFSET.eq(from.progressOffset()))
                  .execute();
          if (n == 0) {
            return false;
          }
          if (!read.logText().isEmpty()) {
            tx.insertInto(TASK_LOG_CHUNKS)
                .set(TASK_LOG_CHUNKS.TASK_ID, from.taskId())
                .set(TASK_LOG_CHUNKS.BYTE_OFFSET, from.logOffset())
                .set(TASK_LOG_CHUNKS.CHUNK, read.logText())
                .execute();
            trimLog(tx, from.taskId());
          }
          if (!read.perf().isEmpty()) {
            insertPerf(tx, from.taskId(), read.perf());
          }
          if (read.samplesDone() != null || read.samplesTotal() != null) {
            recordProgress(tx, from.taskId(), read.samplesDone(), read.samplesTotal());
          }
          return true;
        });
  }

  private static void trimLog(DSLContext tx, long taskId) {
    // Keep the newest LOG_KEEP_CHARS characters: drop the chunks wholly older than that.
    tx.execute(
        "DELETE FROM task_log_chunks WHERE chunk_id IN (SELECT chunk_id FROM (SELECT chunk_id,"
            + " sum(length(chunk)) OVER (ORDER BY byte_offset DESC) - length(chunk) AS newer"
            + " FROM task_log_chunks WHERE task_id = ?) x WHERE newer >= ?)",
        taskId,
        (long) LOG_KEEP_CHARS);
  }

  /**
   * Progress of a running task (not a move: no version check, but the version is raised so that
   * followers see a change).
   */
  public void recordProgress(long taskId, Integer samplesDone, Integer samplesTotal) {
    recordProgress(dsl, taskId, samplesDone, samplesTotal);
  }

  private static void recordProgress(
      DSLContext tx, long taskId, Integer samplesDone, Integer samplesTotal) {
    Map<Field<?>, Object> set = new HashMap<>();
    if (samplesDone != null) {
      set.put(EVALUATION_TASKS.SAMPLES_DONE, Math.max(0, samplesDone));
    }
    if (samplesTotal != null) {
      set.put(EVALUATION_TASKS.SAMPLES_TOTAL, Math.max(0, samplesTotal));
    }
    if (set.isEmpty()) {
      return;
    }
    set.put(EVALUATION_TASKS.ROW_VERSION, EVALUATION_TASKS.ROW_VERSION.plus(1));
    tx.update(EVALUATION_TASKS)
        .set(set)
        .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
        .and(EVALUATION_TASKS.STATUS.in(TaskStatus.QUEUED.dbValue(), TaskStatus.RUNNING.dbValue()))
        .execute();
  }

  /** Stores performance samples of a task. */
  public void addPerfSamples(long taskId, List<PerfSample> samples) {
    dsl.transaction(cfg -> insertPerf(cfg.dsl(), taskId, samples));
  }

  private static void insertPerf(DSLContext tx, long taskId, List<PerfSample> samples) {
    Long sessionId =
        tx.select(EVALUATION_TASKS.SESSION_ID)
            .from(EVALUATION_TASKS)
            .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
            .fetchOne(EVALUATION_TASKS.SESSION_ID);
    if (sessionId == null) {
      throw new IllegalArgumentException("task " + taskId + " does not exist");
    }
    var insert =
        tx.insertInto(
            PERFORMANCE_METRICS,
            PERFORMANCE_METRICS.SESSION_ID,
            PERFORMANCE_METRICS.TASK_ID,
            PERFORMANCE_METRICS.RECORDED_AT,
            PERFORMANCE_METRICS.GPU_INDEX,
            PERFORMANCE_METRICS.GPU_UTILIZATION,
            PERFORMANCE_METRICS.MEMORY_USAGE,
            PERFORMANCE_METRICS.MEMORY_USED_MIB,
            PERFORMANCE_METRICS.THROUGHPUT,
            PERFORMANCE_METRICS.NODE_NAME);
    for (PerfSample p : samples) {
      insert =
          insert.values(
              sessionId,
              taskId,
              at(p.recordedAt()),
              p.gpuIndex(),
              clampPercent(p.gpuUtilization()),
              clampPercent(p.memoryUsage()),
              p.memoryUsedMib(),
              p.throughput() == null ? null : Math.max(0, p.throughput()),
              p.nodeName());
    }
    insert.execute();
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
      next = r.value1() + r.value2().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    Long end =
        dsl.select(TASK_MONITOR_STATE.LOG_OFFSET)
            .from(TASK_MONITOR_STATE)
            .where(TASK_MONITOR_STATE.TASK_ID.eq(taskId))
            .fetchOne(TASK_MONITOR_STATE.LOG_OFFSET);
    return new LogText(sb.toString(), end == null ? next : Math.max(next, end));
  }

  /** The sessions named, for the session-level moves of the control service. */
  public Set<Long> sessionIdsOf(List<Long> taskIds) {
    return new LinkedHashSet<>(
        dsl.select(EVALUATION_TASKS.SESSION_ID)
            .from(EVALUATION_TASKS)
            .where(EVALUATION_TASKS.TASK_ID.in(taskIds))
            .fetch(EVALUATION_TASKS.SESSION_ID));
  }

  private static Double clampPercent(Double v) {
    return v == null ? null : Math.max(0, Math.min(100, v));
  }

  private static OffsetDateTime at(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
