package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.D;
import static io.evalstation.persistence.analytics.Evaluations.M;
import static io.evalstation.persistence.analytics.Evaluations.T;
import static io.evalstation.persistence.analytics.Evaluations.TM;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;

import io.evalstation.model.MetricKey;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;

/** The values the analysis views offer in their pickers (see {@link AnalysisChoices}). */
public final class ChoiceRepository {
  private final DSLContext dsl;

  ChoiceRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Every choice the pickers offer. */
  public AnalysisChoices all() {
    return new AnalysisChoices(
        metrics(),
        mostUsedMetric(),
        inUse(M, M.MODEL_NAME, M.MODEL_ID, T.MODEL_ID),
        inUse(D, D.DATASET_NAME, D.DATASET_ID, T.DATASET_ID),
        inUse(D, D.CATEGORY, D.DATASET_ID, T.DATASET_ID),
        inUse(M, M.MODEL_FAMILY, M.MODEL_ID, T.MODEL_ID),
        inUse(M, M.SPECIALIZATION, M.MODEL_ID, T.MODEL_ID),
        dsl.selectDistinct(T.PRESET)
            .from(T)
            .where(T.PRESET.isNotNull())
            .orderBy(T.PRESET)
            .fetch(T.PRESET));
  }

  /** The metrics recorded, as pickers name them. */
  private List<MetricSelector> metrics() {
    return dsl
        .selectDistinct(TM.METRIC, TM.FILTER)
        .from(TM)
        .orderBy(TM.METRIC, TM.FILTER)
        .fetch(r -> selector(new MetricKey(r.value1(), r.value2())))
        .stream()
        .distinct()
        .toList();
  }

  /**
   * The metric most completed evaluations have (ties: by name), the one a view should show first;
   * null when there are none.
   */
  private MetricSelector mostUsedMetric() {
    Field<Integer> n = count().as("n");
    return dsl.select(TM.METRIC, TM.FILTER, n)
        .from(TM)
        .join(T)
        .on(T.TASK_ID.eq(TM.TASK_ID))
        .where(T.STATUS.eq("completed"))
        .and(TM.VALUE.isNotNull())
        .groupBy(TM.METRIC, TM.FILTER)
        .orderBy(n.desc(), TM.METRIC, TM.FILTER)
        .limit(1)
        .fetchOptional(r -> selector(new MetricKey(r.value1(), r.value2())))
        .orElse(null);
  }

  /** The distinct non-null values of a registry column whose row has at least one task, sorted. */
  private <K> List<String> inUse(
      Table<?> registry,
      TableField<?, String> column,
      TableField<?, K> id,
      TableField<?, K> taskRef) {
    return dsl.selectDistinct(column)
        .from(registry)
        .where(column.isNotNull())
        .andExists(select(T.TASK_ID).from(T).where(taskRef.eq(id)))
        .orderBy(column)
        .fetch(column);
  }

  private static MetricSelector selector(MetricKey k) {
    return k.filter().equals(MetricKey.NO_FILTER)
        ? new MetricSelector(k.metric(), null)
        : MetricSelector.of(k);
  }
}
