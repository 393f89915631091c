package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.S;
import static io.evalstation.persistence.analytics.Evaluations.T;
import static io.evalstation.persistence.analytics.Evaluations.TM;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;

import io.evalstation.model.MetricKey;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** Activity over time: the Trends view and the trends export. */
public final class TrendRepository {
  private final DSLContext dsl;
  private final MetricResolver metrics;

  TrendRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.metrics = new MetricResolver(dsl);
  }

  /**
   * Activity per time bucket: sessions, tasks, success rate, mean task duration, GPU-hours and,
   * when a metric is given, its mean. Tasks of every status count; they fall into the bucket of
   * their start time (session start, then creation time, when missing), and the filter's time
   * window applies to that time. {@code minEvaluations} is ignored.
   *
   * @param metric the metric to average, or null for none
   */
  public List<TrendBucket> trends(TimeBucket bucket, ResultFilter filter, MetricSelector metric) {
    Field<OffsetDateTime> when = coalesce(T.START_TIME, S.START_TIME, T.CREATED_AT);
    Field<LocalDateTime> b = Evaluations.bucketOf(when, bucket).as("bucket");
    Field<Double> seconds = Evaluations.seconds();
    Field<Integer> sessions = countDistinct(T.SESSION_ID).as("sessions");
    Field<Integer> tasks = count().as("tasks");
    Field<Integer> completed = count().filterWhere(T.STATUS.eq("completed")).as("completed");
    Field<Integer> failed = count().filterWhere(T.STATUS.eq("failed")).as("failed");
    Field<Double> avgSeconds = avg(seconds).coerce(SQLDataType.DOUBLE).as("avg_seconds");
    Field<Double> gpuSeconds =
        sum(seconds.mul(Evaluations.gpus())).coerce(SQLDataType.DOUBLE).as("gpu_seconds");
    MetricKey key = metric == null ? null : metrics.resolve(metric, filter).key();
    Field<Double> meanMetric =
        key == null
            ? inline((Double) null).as("mean_metric")
            : avg(TM.VALUE).coerce(SQLDataType.DOUBLE).as("mean_metric");
    var from =
        Evaluations.from(
            dsl.select(b, sessions, tasks, completed, failed, avgSeconds, gpuSeconds, meanMetric));
    var joined =
        key == null
            ? from
            : from.leftJoin(TM).on(TM.TASK_ID.eq(T.TASK_ID)).and(Evaluations.hasValue(key));
    return joined
        .where(Evaluations.anyStatus(filter, when))
        .groupBy(Evaluations.bucketOf(when, bucket))
        .orderBy(b)
        .fetch(
            r -> {
              int c = r.get(completed);
              int f = r.get(failed);
              Double gs = r.get(gpuSeconds);
              return new TrendBucket(
                  r.get(b).toInstant(ZoneOffset.UTC),
                  r.get(sessions),
                  r.get(tasks),
                  c,
                  f,
                  c + f == 0 ? null : (double) c / (c + f),
                  r.get(avgSeconds),
                  gs == null ? 0.0 : gs / 3600.0,
                  r.get(meanMetric));
            });
  }
}
