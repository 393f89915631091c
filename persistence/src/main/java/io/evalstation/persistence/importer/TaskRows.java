package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;

import io.evalstation.persistence.files.TaskMetric;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.postgresql.PGConnection;

/** Writes a task's result rows inside the caller's transaction. */
final class TaskRows {
  private TaskRows() {}

  /** The transaction's connection, as PostgreSQL's, for COPY. */
  static PGConnection pg(DSLContext tx) {
    return tx.connectionResult(c -> c.unwrap(PGConnection.class));
  }

  /** Defers the prediction → task foreign key to commit (see V10). */
  static void deferPredictionFk(DSLContext tx) {
    tx.execute("SET CONSTRAINTS predictions_task_fk DEFERRED");
  }

  static void deleteOutputs(DSLContext tx, long taskId) {
    tx.deleteFrom(PREDICTIONS).where(PREDICTIONS.TASK_ID.eq(taskId)).execute();
    tx.deleteFrom(TASK_METRICS).where(TASK_METRICS.TASK_ID.eq(taskId)).execute();
    tx.deleteFrom(EVALUATION_RESULTS).where(EVALUATION_RESULTS.TASK_ID.eq(taskId)).execute();
  }

  static void insertResult(
      DSLContext tx, long taskId, Integer samplesProcessed, JSONB metrics, Double avgTime) {
    tx.insertInto(EVALUATION_RESULTS)
        .set(EVALUATION_RESULTS.TASK_ID, taskId)
        .set(EVALUATION_RESULTS.SAMPLES_PROCESSED, samplesProcessed)
        .set(EVALUATION_RESULTS.EVALUATION_METRICS, metrics == null ? JSONB.valueOf("{}") : metrics)
        .set(EVALUATION_RESULTS.AVERAGE_EXECUTION_TIME, avgTime)
        .execute();
  }

  /** Inserts metric rows; returns how many. */
  static int insertMetrics(DSLContext tx, long taskId, List<TaskMetric> metrics) {
    if (metrics.isEmpty()) {
      return 0;
    }
    var insert =
        tx.insertInto(
            TASK_METRICS,
            TASK_METRICS.TASK_ID,
            TASK_METRICS.METRIC,
            TASK_METRICS.FILTER,
            TASK_METRICS.VALUE,
            TASK_METRICS.STDERR);
    for (TaskMetric m : metrics) {
      insert = insert.values(taskId, m.metric(), m.filter(), m.value(), m.stderr());
    }
    return insert.execute();
  }
}
