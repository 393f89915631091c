package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.COUNT;
import static io.evalstation.persistence.analytics.Evaluations.M;
import static io.evalstation.persistence.analytics.Evaluations.MEAN;
import static io.evalstation.persistence.analytics.Evaluations.P;
import static io.evalstation.persistence.analytics.Evaluations.R;
import static io.evalstation.persistence.analytics.Evaluations.STDDEV;
import static io.evalstation.persistence.analytics.Evaluations.T;
import static io.evalstation.persistence.analytics.Evaluations.TM;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.rank;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.select;

import io.evalstation.model.MetricKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.SQLDataType;

/**
 * The leaderboard of a metric: per model, evaluations, mean, standard deviation, standard error,
 * 95% confidence interval (Student t), average response time, and competition rank (ties share a
 * rank; lower-is-better metrics rank ascending).
 */
public final class LeaderboardRepository {
  private final DSLContext dsl;
  private final MetricResolver metrics;

  LeaderboardRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.metrics = new MetricResolver(dsl);
  }

  /** Ranks the models by the metric over the evaluations the filter selects. */
  public Leaderboard leaderboard(MetricSelector selector, ResultFilter filter) {
    MetricResolver.Resolved resolved = metrics.resolve(selector, filter);
    MetricKey key = resolved.key();
    boolean higher = resolved.higherIsBetter();
    // Response time per task: the result's average, else the mean over its predictions. COALESCE
    // evaluates the subquery only for tasks without the result figure.
    Field<Double> taskResponse =
        coalesce(
            R.AVERAGE_EXECUTION_TIME,
            field(
                select(avg(P.EXECUTION_TIME).coerce(SQLDataType.DOUBLE))
                    .from(P)
                    .where(P.TASK_ID.eq(T.TASK_ID))));
    Field<Double> response = avg(taskResponse).coerce(SQLDataType.DOUBLE).as("response");
    Field<Integer> rank = rank().over().orderBy(rankOrder(avg(TM.VALUE), higher)).as("rnk");
    List<LeaderboardRow> rows =
        Evaluations.values(
                dsl.select(
                    M.MODEL_NAME,
                    M.MODEL_FAMILY,
                    M.SPECIALIZATION,
                    COUNT,
                    MEAN,
                    STDDEV,
                    response,
                    rank),
                key)
            .leftJoin(R)
            .on(R.TASK_ID.eq(T.TASK_ID))
            .where(Evaluations.completed(filter))
            .groupBy(M.MODEL_ID, M.MODEL_NAME, M.MODEL_FAMILY, M.SPECIALIZATION)
            .having(count().ge(filter.minEvaluations()))
            .orderBy(rank.asc(), M.MODEL_NAME.asc())
            .fetch(
                r -> {
                  int count = r.get(COUNT);
                  double m = r.get(MEAN);
                  Double s = count > 1 ? r.get(STDDEV) : null;
                  Double se = s == null ? null : s / Math.sqrt(count);
                  Double lo = null;
                  Double hi = null;
                  if (se != null) {
                    double half = Statistics.tCritical(count - 1, Statistics.LEVEL) * se;
                    lo = m - half;
                    hi = m + half;
                  }
                  return new LeaderboardRow(
                      r.get(rank),
                      r.get(M.MODEL_NAME),
                      r.get(M.MODEL_FAMILY),
                      r.get(M.SPECIALIZATION),
                      count,
                      m,
                      s,
                      se,
                      lo,
                      hi,
                      r.get(response));
                });
    return new Leaderboard(key, higher, filter, rows);
  }

  /**
   * Rank order on the mean rounded to 9 decimals, so that means equal up to floating-point noise of
   * the summation order tie.
   */
  private static SortField<?> rankOrder(Field<BigDecimal> avg, boolean higher) {
    Field<BigDecimal> rounded = round(avg.cast(SQLDataType.NUMERIC), 9);
    return higher ? rounded.desc() : rounded.asc();
  }
}
