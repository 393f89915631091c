package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;

import io.evalstation.model.MetricKey;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The values the analysis views offer in their filter pickers: only values that some evaluation
 * task actually has, so that no choice leads to an empty table.
 */
public final class FilterOptionsRepository {
  private final DSLContext dsl;

  public FilterOptionsRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Categories of datasets with at least one task, sorted. */
  public List<String> datasetCategories() {
    return dsl.selectDistinct(DATASETS.CATEGORY)
        .from(DATASETS)
        .where(DATASETS.CATEGORY.isNotNull())
        .andExists(
            select(EVALUATION_TASKS.TASK_ID)
                .from(EVALUATION_TASKS)
                .where(EVALUATION_TASKS.DATASET_ID.eq(DATASETS.DATASET_ID)))
        .orderBy(DATASETS.CATEGORY)
        .fetch(DATASETS.CATEGORY);
  }

  /** Families of models with at least one task, sorted. */
  public List<String> modelFamilies() {
    return dsl.selectDistinct(MODELS.MODEL_FAMILY)
        .from(MODELS)
        .where(MODELS.MODEL_FAMILY.isNotNull())
        .andExists(
            select(EVALUATION_TASKS.TASK_ID)
                .from(EVALUATION_TASKS)
                .where(EVALUATION_TASKS.MODEL_ID.eq(MODELS.MODEL_ID)))
        .orderBy(MODELS.MODEL_FAMILY)
        .fetch(MODELS.MODEL_FAMILY);
  }

  /** Specializations of models with at least one task, sorted. */
  public List<String> specializations() {
    return dsl.selectDistinct(MODELS.SPECIALIZATION)
        .from(MODELS)
        .where(MODELS.SPECIALIZATION.isNotNull())
        .andExists(
            select(EVALUATION_TASKS.TASK_ID)
                .from(EVALUATION_TASKS)
                .where(EVALUATION_TASKS.MODEL_ID.eq(MODELS.MODEL_ID)))
        .orderBy(MODELS.SPECIALIZATION)
        .fetch(MODELS.SPECIALIZATION);
  }

  /**
   * The metric most completed evaluations have (ties: by name), the one a view should show first;
   * empty when there are none.
   */
  public Optional<MetricKey> mostUsedMetric() {
    Field<Integer> n = count().as("n");
    return dsl.select(TASK_METRICS.METRIC, TASK_METRICS.FILTER, n)
        .from(TASK_METRICS)
        .join(EVALUATION_TASKS)
        .on(EVALUATION_TASKS.TASK_ID.eq(TASK_METRICS.TASK_ID))
        .where(EVALUATION_TASKS.STATUS.eq("completed"))
        .and(TASK_METRICS.VALUE.isNotNull())
        .groupBy(TASK_METRICS.METRIC, TASK_METRICS.FILTER)
        .orderBy(n.desc(), TASK_METRICS.METRIC, TASK_METRICS.FILTER)
        .limit(1)
        .fetchOptional(r -> new MetricKey(r.value1(), r.value2()));
  }

  /** Presets tasks were run with, sorted. */
  public List<String> presets() {
    return dsl.selectDistinct(EVALUATION_TASKS.PRESET)
        .from(EVALUATION_TASKS)
        .where(EVALUATION_TASKS.PRESET.isNotNull())
        .orderBy(EVALUATION_TASKS.PRESET)
        .fetch(EVALUATION_TASKS.PRESET);
  }
}
