package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.P;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;

import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Two runs' predictions side by side, paged, for the Predictions view. */
public final class PredictionPairRepository {
  private final DSLContext dsl;

  PredictionPairRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * One keyset page of two tasks' predictions side by side, filtered by outcome and text. Pairs by
   * sample id and filter (by prompt hash when no sample id pairs). Served from the (task_id,
   * sample_id, filter) unique index: a page costs about its size in index probes.
   */
  public PredictionPage page(PredictionPairQuery q) {
    var a = P.as("a");
    var b = P.as("b");
    boolean bySampleId =
        dsl.fetchExists(
            select(a.SAMPLE_ID)
                .from(a)
                .join(b)
                .on(b.TASK_ID.eq(q.taskB()))
                .and(b.SAMPLE_ID.eq(a.SAMPLE_ID))
                .and(b.FILTER.eq(a.FILTER))
                .where(a.TASK_ID.eq(q.taskA())));
    Condition on =
        bySampleId
            ? b.SAMPLE_ID.eq(a.SAMPLE_ID).and(b.FILTER.eq(a.FILTER))
            : b.PROMPT_HASH.eq(a.PROMPT_HASH).and(b.FILTER.eq(a.FILTER));
    Condition where = a.TASK_ID.eq(q.taskA());
    if (q.afterSampleId() != null) {
      where =
          where.and(
              q.afterFilter() == null
                  ? a.SAMPLE_ID.gt(q.afterSampleId())
                  : row(a.SAMPLE_ID, a.FILTER).gt(q.afterSampleId(), q.afterFilter()));
    }
    if (q.outcome() != null) {
      where =
          where.and(
              switch (q.outcome()) {
                case BOTH_CORRECT -> a.CORRECT.isTrue().and(b.CORRECT.isTrue());
                case FIXED -> a.CORRECT.isFalse().and(b.CORRECT.isTrue());
                case REGRESSED -> a.CORRECT.isTrue().and(b.CORRECT.isFalse());
                case BOTH_WRONG -> a.CORRECT.isFalse().and(b.CORRECT.isFalse());
                case UNKNOWN -> a.CORRECT.isNull().or(b.CORRECT.isNull());
              });
    }
    if (q.search() != null) {
      String s = q.search();
      where =
          where.and(
              a.PROMPT
                  .containsIgnoreCase(s)
                  .or(a.GROUND_TRUTH.containsIgnoreCase(s))
                  .or(a.PREDICTION.containsIgnoreCase(s))
                  .or(a.FILTERED_PREDICTION.containsIgnoreCase(s))
                  .or(b.PREDICTION.containsIgnoreCase(s))
                  .or(b.FILTERED_PREDICTION.containsIgnoreCase(s)));
    }
    Field<String> predA = coalesce(a.FILTERED_PREDICTION, a.PREDICTION).as("pred_a");
    Field<String> predB = coalesce(b.FILTERED_PREDICTION, b.PREDICTION).as("pred_b");
    Field<Boolean> corrB = b.CORRECT.as("correct_b");
    List<PredictionPair> rows =
        dsl.select(
                a.SAMPLE_ID,
                a.FILTER,
                a.PROMPT_HASH,
                a.PROMPT,
                a.GROUND_TRUTH,
                predA,
                a.CORRECT,
                predB,
                corrB)
            .from(a)
            .join(b)
            .on(b.TASK_ID.eq(q.taskB()))
            .and(on)
            .where(where)
            .orderBy(a.SAMPLE_ID, a.FILTER)
            .limit(q.pageSize() + 1)
            .fetch(
                r ->
                    new PredictionPair(
                        r.get(a.SAMPLE_ID),
                        r.get(a.FILTER),
                        r.get(a.PROMPT_HASH),
                        r.get(a.PROMPT),
                        r.get(a.GROUND_TRUTH),
                        r.get(predA),
                        r.get(a.CORRECT),
                        r.get(predB),
                        r.get(corrB),
                        PairOutcome.of(r.get(a.CORRECT), r.get(corrB))));
    boolean more = rows.size() > q.pageSize();
    return new PredictionPage(more ? rows.subList(0, q.pageSize()) : rows, more);
  }
}
