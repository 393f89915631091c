package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.D;
import static io.evalstation.persistence.analytics.Evaluations.M;
import static io.evalstation.persistence.analytics.Evaluations.P;
import static io.evalstation.persistence.analytics.Evaluations.R;
import static io.evalstation.persistence.analytics.Evaluations.T;
import static io.evalstation.persistence.analytics.Evaluations.TM;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** A session's tasks and predictions, as session exports write them. */
public final class SessionExportRepository {
  private final DSLContext dsl;

  SessionExportRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** A session's tasks in index order, with their metrics as text. */
  public List<SessionTaskRow> sessionTasks(long sessionId) {
    Field<String> metrics =
        field(
                select(
                        DSL.field(
                            "string_agg({0} || ',' || {1} || '=' || coalesce({2}::varchar, 'null'),"
                                + " '; ' order by {0}, {1})",
                            SQLDataType.VARCHAR, TM.METRIC, TM.FILTER, TM.VALUE))
                    .from(TM)
                    .where(TM.TASK_ID.eq(T.TASK_ID)))
            .as("metrics");
    Field<Double> seconds = Evaluations.seconds().as("seconds");
    return Evaluations.from(
            dsl.select(
                T.TASK_ID,
                T.TASK_INDEX,
                M.MODEL_NAME,
                D.DATASET_NAME,
                T.PRESET,
                T.SAMPLE_LIMIT,
                T.STATUS,
                T.START_TIME,
                T.END_TIME,
                seconds,
                R.SAMPLES_PROCESSED,
                metrics,
                T.ERROR_MESSAGE))
        .leftJoin(R)
        .on(R.TASK_ID.eq(T.TASK_ID))
        .where(T.SESSION_ID.eq(sessionId))
        .orderBy(T.TASK_INDEX)
        .fetch(
            r ->
                new SessionTaskRow(
                    r.get(T.TASK_ID),
                    r.get(T.TASK_INDEX),
                    r.get(M.MODEL_NAME),
                    r.get(D.DATASET_NAME),
                    r.get(T.PRESET),
                    r.get(T.SAMPLE_LIMIT),
                    r.get(T.STATUS),
                    Evaluations.instant(r.get(T.START_TIME)),
                    Evaluations.instant(r.get(T.END_TIME)),
                    r.get(seconds),
                    r.get(R.SAMPLES_PROCESSED),
                    r.get(metrics),
                    r.get(T.ERROR_MESSAGE)));
  }

  /**
   * Streams a session's predictions (task index, sample id, filter order) through a server-side
   * cursor, so that a million rows never sit in memory.
   */
  public void forEachSessionPrediction(long sessionId, Consumer<PredictionRow> consumer) {
    Field<String> pred = coalesce(P.FILTERED_PREDICTION, P.PREDICTION).as("pred");
    // PostgreSQL streams with a fetch size only inside a transaction (autocommit off).
    dsl.transaction(
        cfg -> {
          try (Cursor<?> cursor =
              Evaluations.from(
                      cfg.dsl()
                          .select(
                              T.TASK_INDEX,
                              M.MODEL_NAME,
                              D.DATASET_NAME,
                              P.SAMPLE_ID,
                              P.FILTER,
                              P.CORRECT,
                              P.EXECUTION_TIME,
                              pred,
                              P.GROUND_TRUTH,
                              P.PROMPT_HASH))
                  .join(P)
                  .on(P.TASK_ID.eq(T.TASK_ID))
                  .where(T.SESSION_ID.eq(sessionId))
                  .orderBy(T.TASK_INDEX, P.SAMPLE_ID, P.FILTER)
                  .fetchSize(2_000)
                  .fetchLazy()) {
            for (Record r : cursor) {
              consumer.accept(
                  new PredictionRow(
                      r.get(T.TASK_INDEX),
                      r.get(M.MODEL_NAME),
                      r.get(D.DATASET_NAME),
                      r.get(P.SAMPLE_ID),
                      r.get(P.FILTER),
                      r.get(P.CORRECT),
                      r.get(P.EXECUTION_TIME),
                      r.get(pred),
                      r.get(P.GROUND_TRUTH),
                      r.get(P.PROMPT_HASH)));
            }
          }
        });
  }
}
