package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static org.jooq.impl.DSL.select;

import java.util.List;
import org.jooq.DSLContext;

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

  /** Presets tasks were run with, sorted. */
  public List<String> presets() {
    return dsl.selectDistinct(EVALUATION_TASKS.PRESET)
        .from(EVALUATION_TASKS)
        .where(EVALUATION_TASKS.PRESET.isNotNull())
        .orderBy(EVALUATION_TASKS.PRESET)
        .fetch(EVALUATION_TASKS.PRESET);
  }
}
