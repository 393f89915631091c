package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.TASK_LOG_CHUNKS;
import static io.evalstation.persistence.jooq.Tables.TASK_MONITOR_STATE;

import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Names;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.SourceKind;
import io.evalstation.model.TaskSpec;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.OptimisticLockException;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * A launched task's life in the database: creating a session with its tasks, and every move of a
 * task (pending → queued → running → completed / failed / cancelled, and back to pending on
 * resubmit).
 *
 * <p>Every move is one transaction that checks the task's row version ({@code UPDATE … WHERE
 * row_version = ?}); a row changed in between raises {@link OptimisticLockException}, and a move
 * that is not part of a task's life ({@link TaskStatus#canMoveTo}) raises {@link
 * IllegalStateException}. In the same transaction the session's status is derived again from its
 * tasks ({@link SessionStatus#derive}). {@link #markCompleted(DSLContext, long, int, Instant,
 * Instant)} runs inside the caller's transaction (the importer completes a task in the transaction
 * that stores its results); the other moves open their own.
 */
public final class TaskLifecycleRepository {
  private final DSLContext dsl;

  /** Moves on the database's pool. */
  public TaskLifecycleRepository(Database db) {
    this(db.dsl());
  }

  /** Moves on {@code dsl}. */
  public TaskLifecycleRepository(DSLContext dsl) {
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
            models.computeIfAbsent(
                t.model(), n -> registered(tx, MODELS, MODELS.MODEL_NAME, MODELS.MODEL_ID, n));
            datasets.computeIfAbsent(
                t.dataset(),
                n -> registered(tx, DATASETS, DATASETS.DATASET_NAME, DATASETS.DATASET_ID, n));
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
          return new SessionWithTasks(session, TaskRepository.tasksOf(tx, sessionId));
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

  /** A registry row's id by name, registering the name when it is new (attributes untouched). */
  private static <R extends Record> long registered(
      DSLContext tx,
      Table<R> registry,
      TableField<R, String> name,
      TableField<R, Long> id,
      String value) {
    tx.insertInto(registry).set(name, value).onConflictDoNothing().execute();
    return tx.select(id).from(registry).where(name.eq(value)).fetchSingle().value1();
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
          set.put(EVALUATION_TASKS.SUBMITTED_AT, TaskRecords.at(submittedAt));
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
          set.put(
              EVALUATION_TASKS.START_TIME,
              TaskRecords.at(startTime == null ? Instant.now() : startTime));
          return move(cfg.dsl(), taskId, expectedVersion, TaskStatus.RUNNING, set);
        });
  }

  /**
   * running (or queued, for a job too short to be seen running) → completed, in the caller's
   * transaction: the one that stored its results ({@code TaskOutputLoader#loadAndComplete}).
   *
   * @param startTime when the job started, if known and not yet stored; may be null
   */
  public static EvaluationTask markCompleted(
      DSLContext tx, long taskId, int expectedVersion, Instant startTime, Instant endTime) {
    Map<Field<?>, Object> set = new HashMap<>();
    Instant end = endTime == null ? Instant.now() : endTime;
    set.put(EVALUATION_TASKS.END_TIME, TaskRecords.at(end));
    if (startTime != null) {
      set.put(
          EVALUATION_TASKS.START_TIME,
          DSL.coalesce(EVALUATION_TASKS.START_TIME, DSL.val(TaskRecords.at(startTime))));
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
    Objects.requireNonNull(cause, "cause");
    return dsl.transactionResult(
        cfg -> {
          Map<Field<?>, Object> set = new HashMap<>();
          set.put(EVALUATION_TASKS.FAILURE_CAUSE, cause.name());
          set.put(EVALUATION_TASKS.EXIT_CODE, exitCode);
          set.put(EVALUATION_TASKS.ERROR_MESSAGE, truncate(message, 4000));
          set.put(
              EVALUATION_TASKS.END_TIME, TaskRecords.at(endTime == null ? Instant.now() : endTime));
          return move(cfg.dsl(), taskId, expectedVersion, TaskStatus.FAILED, set);
        });
  }

  /** → cancelled, by the user or by SLURM (the message says which). */
  public EvaluationTask markCancelled(
      long taskId, int expectedVersion, String message, Instant endTime) {
    return dsl.transactionResult(
        cfg -> {
          Map<Field<?>, Object> set = new HashMap<>();
          set.put(EVALUATION_TASKS.ERROR_MESSAGE, truncate(message, 4000));
          set.put(
              EVALUATION_TASKS.END_TIME, TaskRecords.at(endTime == null ? Instant.now() : endTime));
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
          return TaskRecords.find(tx, taskId).orElseThrow();
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

  private static EvaluationTask move(
      DSLContext tx,
      long taskId,
      int expectedVersion,
      TaskStatus target,
      Map<Field<?>, Object> set) {
    EvaluationTask current =
        TaskRecords.find(tx, taskId)
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
    return TaskRecords.find(tx, taskId).orElseThrow();
  }

  /**
   * Derives the session's status, start and end from its tasks, in the caller's transaction; the
   * session row is written (and its version raised) only when something changed.
   */
  private static SessionStatus deriveSessionStatus(DSLContext tx, long sessionId) {
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

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
