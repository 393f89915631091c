package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;

import io.evalstation.model.MetricKey;
import io.evalstation.persistence.jooq.tables.Datasets;
import io.evalstation.persistence.jooq.tables.EvaluationResults;
import io.evalstation.persistence.jooq.tables.EvaluationSessions;
import io.evalstation.persistence.jooq.tables.EvaluationTasks;
import io.evalstation.persistence.jooq.tables.Models;
import io.evalstation.persistence.jooq.tables.Predictions;
import io.evalstation.persistence.jooq.tables.TaskMetrics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectFromStep;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The one source every analysis reads, and the one place a {@link ResultFilter} becomes SQL.
 *
 * <p>An analysis selects {@link #from evaluation tasks with their session, model and dataset} (or
 * {@link #values the values of one metric} on them) and restricts them with {@link #completed} or
 * {@link #anyStatus}. A new analysis filter (model aliases, archived sessions, {@code --limit}
 * runs, run configurations, …) is a field of {@link ResultFilter} and a clause in {@link #scope}:
 * every question (leaderboard, pivot, trends, metric resolution) then honours it, and the tables it
 * needs are already joined.
 */
final class Evaluations {
  static final EvaluationTasks T = EVALUATION_TASKS;
  static final EvaluationSessions S = EVALUATION_SESSIONS;
  static final Models M = MODELS;
  static final Datasets D = DATASETS;
  static final TaskMetrics TM = TASK_METRICS;
  static final EvaluationResults R = EVALUATION_RESULTS;
  static final Predictions P = PREDICTIONS;

  /** NaN as PostgreSQL spells it: a metric value that is not a figure. */
  static final Field<Double> NAN = field("'NaN'::double precision", SQLDataType.DOUBLE);

  /** Evaluations in a group of {@link #values}. */
  static final Field<Integer> COUNT = DSL.count().as("n");

  /** The mean of the metric's values in a group of {@link #values}. */
  static final Field<Double> MEAN = DSL.avg(TM.VALUE).coerce(SQLDataType.DOUBLE).as("mean");

  /** The sample standard deviation of the metric's values in a group of {@link #values}. */
  static final Field<Double> STDDEV = DSL.stddevSamp(TM.VALUE).coerce(SQLDataType.DOUBLE).as("sd");

  private Evaluations() {}

  /** Evaluation tasks ⋈ their session ⋈ model ⋈ dataset: what every analysis counts over. */
  static <R extends Record> SelectOnConditionStep<R> from(SelectFromStep<R> select) {
    return select
        .from(T)
        .join(S)
        .on(S.SESSION_ID.eq(T.SESSION_ID))
        .join(M)
        .on(M.MODEL_ID.eq(T.MODEL_ID))
        .join(D)
        .on(D.DATASET_ID.eq(T.DATASET_ID));
  }

  /** {@link #from} with each task's value of one metric (tasks without a value left out). */
  static <R extends Record> SelectOnConditionStep<R> values(
      SelectFromStep<R> select, MetricKey key) {
    return from(select).join(TM).on(TM.TASK_ID.eq(T.TASK_ID)).and(hasValue(key));
  }

  /** The metric's rows with a value that is a figure (not null, not NaN). */
  static Condition hasValue(MetricKey key) {
    return TM.METRIC
        .eq(key.metric())
        .and(TM.FILTER.eq(key.filter()))
        .and(TM.VALUE.isNotNull())
        .and(TM.VALUE.ne(NAN));
  }

  /** Completed evaluations the filter selects; its window applies to {@link #evaluationTime}. */
  static Condition completed(ResultFilter f) {
    return T.STATUS.eq("completed").and(scope(f, evaluationTime()));
  }

  /** Tasks of any status the filter selects; its window applies to {@code when}. */
  static Condition anyStatus(ResultFilter f, Field<OffsetDateTime> when) {
    return scope(f, when);
  }

  /** The filter as a condition: the one place an analysis filter is written. */
  private static Condition scope(ResultFilter f, Field<OffsetDateTime> when) {
    Condition c = DSL.noCondition();
    if (!f.datasets().isEmpty()) {
      c = c.and(D.DATASET_NAME.in(f.datasets()));
    }
    if (f.datasetCategory() != null) {
      c = c.and(D.CATEGORY.eq(f.datasetCategory()));
    }
    if (f.modelFamily() != null) {
      c = c.and(M.MODEL_FAMILY.eq(f.modelFamily()));
    }
    if (f.specialization() != null) {
      c = c.and(M.SPECIALIZATION.eq(f.specialization()));
    }
    if (f.preset() != null) {
      c = c.and(T.PRESET.eq(f.preset()));
    }
    if (f.from() != null) {
      c = c.and(when.ge(utc(f.from())));
    }
    if (f.to() != null) {
      c = c.and(when.lt(utc(f.to())));
    }
    return c;
  }

  /** When an evaluation happened: its end, else its start, else its creation. */
  static Field<OffsetDateTime> evaluationTime() {
    return coalesce(T.END_TIME, T.START_TIME, T.CREATED_AT);
  }

  /** A task's run time in seconds (null without both ends). */
  static Field<Double> seconds() {
    return field("extract(epoch from ({0} - {1}))", SQLDataType.DOUBLE, T.END_TIME, T.START_TIME);
  }

  /** The start of the UTC hour, day or week {@code time} falls in. */
  static Field<LocalDateTime> bucketOf(Field<OffsetDateTime> time, TimeBucket bucket) {
    return field(
        "date_trunc({0}, {1} at time zone 'UTC')",
        SQLDataType.LOCALDATETIME, inline(bucket.sqlUnit()), time);
  }

  /**
   * GPUs a task ran on: from its provenance, else its session's, else 1 (see {@link
   * ProvenanceKeys#GPUS}).
   */
  static Field<Integer> gpus() {
    return coalesce(gpusOf(T.PROVENANCE), gpusOf(S.PROVENANCE), inline(1));
  }

  /** The GPU count in a provenance document, when it is a plain positive integer. */
  private static Field<Integer> gpusOf(Field<JSONB> provenance) {
    List<Field<Integer>> candidates = new ArrayList<>();
    for (String k : ProvenanceKeys.GPUS) {
      candidates.add(
          field(
              "case when ({0} ->> {1}) ~ '^[1-9][0-9]{0,3}$' then ({0} ->> {1})::integer end",
              SQLDataType.INTEGER, provenance, inline(k)));
    }
    @SuppressWarnings("unchecked")
    Field<Integer>[] rest = candidates.subList(1, candidates.size()).toArray(new Field[0]);
    return coalesce(candidates.get(0), rest);
  }

  static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
