package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.TASK_LOG_CHUNKS;
import static io.evalstation.persistence.jooq.Tables.TASK_MONITOR_STATE;

import io.evalstation.model.PerfSample;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.Database;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What a cluster monitor has read so far of each queued or running task's files (byte offsets of
 * the job's log, GPU sampler CSV and progress file), and what it read: log text, progress and
 * performance samples, written together with the new offsets. The offsets are set when a task is
 * queued ({@link TaskLifecycleRepository#markQueued}).
 */
public final class MonitorStateRepository {
  /** How much of a job's log is kept in the database, per task: the newest chunks win. */
  public static final int LOG_KEEP_CHARS = 1_000_000;

  private final DSLContext dsl;

  /** The monitor state on the database's pool. */
  public MonitorStateRepository(Database db) {
    this(db.dsl());
  }

  /** The monitor state on {@code dsl}. */
  public MonitorStateRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

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
              TaskRecords.at(p.recordedAt()),
              p.gpuIndex(),
              clampPercent(p.gpuUtilization()),
              clampPercent(p.memoryUsage()),
              p.memoryUsedMib(),
              p.throughput() == null ? null : Math.max(0, p.throughput()),
              p.nodeName());
    }
    insert.execute();
  }

  private static Double clampPercent(Double v) {
    return v == null ? null : Math.max(0, Math.min(100, v));
  }
}
