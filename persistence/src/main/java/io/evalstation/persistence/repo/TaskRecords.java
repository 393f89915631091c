package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectFromStep;
import org.jooq.SelectJoinStep;
import org.jooq.SelectOnConditionStep;

/**
 * The one mapping of task rows to {@link EvaluationTask}: every read of whole tasks selects with
 * {@link #select} and maps with {@link #toTask}.
 */
final class TaskRecords {
  private TaskRecords() {}

  /** A task row with its model and dataset names; add joins, a where and an order. */
  static SelectOnConditionStep<Record> select(DSLContext tx) {
    return named(
        tx.select(EVALUATION_TASKS.fields()).select(MODELS.MODEL_NAME, DATASETS.DATASET_NAME));
  }

  /** Tasks joined with their model and dataset. */
  static <R extends Record> SelectOnConditionStep<R> named(SelectFromStep<R> select) {
    return names(select.from(EVALUATION_TASKS));
  }

  /** Tasks joined with their session, model and dataset. */
  static <R extends Record> SelectOnConditionStep<R> withSession(SelectFromStep<R> select) {
    return names(
        select
            .from(EVALUATION_TASKS)
            .join(EVALUATION_SESSIONS)
            .on(EVALUATION_SESSIONS.SESSION_ID.eq(EVALUATION_TASKS.SESSION_ID)));
  }

  private static <R extends Record> SelectOnConditionStep<R> names(SelectJoinStep<R> from) {
    return from.join(MODELS)
        .on(MODELS.MODEL_ID.eq(EVALUATION_TASKS.MODEL_ID))
        .join(DATASETS)
        .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID));
  }

  /** A task by id, in the caller's transaction (or on the pool). */
  static Optional<EvaluationTask> find(DSLContext tx, long taskId) {
    return select(tx).where(EVALUATION_TASKS.TASK_ID.eq(taskId)).fetchOptional(TaskRecords::toTask);
  }

  /** A row of {@link #select} as the model record. */
  static EvaluationTask toTask(Record r) {
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
        instant(r.get(t.START_TIME)),
        instant(r.get(t.END_TIME)),
        r.get(t.SAMPLES_DONE),
        r.get(t.SAMPLES_TOTAL),
        r.get(t.ROW_VERSION));
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime at(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }
}
