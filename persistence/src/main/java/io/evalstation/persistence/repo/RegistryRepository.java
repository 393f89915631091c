package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.MODELS;

import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.jooq.tables.records.DatasetsRecord;
import io.evalstation.persistence.jooq.tables.records.ModelsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The model and dataset registries. Imports {@link #upsertModel upsert} by name and only fill
 * attributes that are still missing, so a researcher's edits ({@link #updateModel}) are never
 * overwritten by a later import.
 */
public final class RegistryRepository {
  /** Attributes {@link #updateModel} accepts. */
  public static final List<String> MODEL_ATTRIBUTES =
      List.of("family", "parameter_count", "specialization", "backend", "weights");

  /** Attributes {@link #updateDataset} accepts. */
  public static final List<String> DATASET_ATTRIBUTES =
      List.of("task_type", "category", "sample_count", "file_path", "harness_task");

  private final DSLContext dsl;

  /** A repository on the database's pool. */
  public RegistryRepository(Database db) {
    this(db.dsl());
  }

  /** A repository on {@code dsl} (a pool's or a transaction's). */
  public RegistryRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Stores the model if new; otherwise fills only the attributes that are null in the registry.
   * Returns the model's id.
   */
  public long upsertModel(ModelInfo m) {
    var t = MODELS;
    return dsl.insertInto(t)
        .set(t.MODEL_NAME, m.name())
        .set(t.MODEL_FAMILY, m.family())
        .set(t.PARAMETER_COUNT, m.parameterCount())
        .set(t.SPECIALIZATION, m.specialization())
        .set(t.BACKEND, m.backend())
        .set(t.WEIGHTS, m.weights())
        .onConflict(t.MODEL_NAME)
        .doUpdate()
        .set(t.MODEL_FAMILY, fill(t.MODEL_FAMILY))
        .set(t.PARAMETER_COUNT, fill(t.PARAMETER_COUNT))
        .set(t.SPECIALIZATION, fill(t.SPECIALIZATION))
        .set(t.BACKEND, fill(t.BACKEND))
        .set(t.WEIGHTS, fill(t.WEIGHTS))
        .returning(t.MODEL_ID)
        .fetchOne()
        .getModelId();
  }

  /** As {@link #upsertModel} for datasets. Returns the dataset's id. */
  public long upsertDataset(DatasetInfo d) {
    var t = DATASETS;
    return dsl.insertInto(t)
        .set(t.DATASET_NAME, d.name())
        .set(t.TASK_TYPE, d.taskType())
        .set(t.CATEGORY, d.category())
        .set(t.SAMPLE_COUNT, d.sampleCount())
        .set(t.FILE_PATH, d.filePath())
        .set(t.HARNESS_TASK, d.harnessTask())
        .onConflict(t.DATASET_NAME)
        .doUpdate()
        .set(t.TASK_TYPE, fill(t.TASK_TYPE))
        .set(t.CATEGORY, fill(t.CATEGORY))
        .set(t.SAMPLE_COUNT, fill(t.SAMPLE_COUNT))
        .set(t.FILE_PATH, fill(t.FILE_PATH))
        .set(t.HARNESS_TASK, fill(t.HARNESS_TASK))
        .returning(t.DATASET_ID)
        .fetchOne()
        .getDatasetId();
  }

  /** The registry's value when it has one, else the import's ({@code excluded}). */
  private static <T> Field<T> fill(Field<T> f) {
    return DSL.coalesce(f, DSL.excluded(f));
  }

  /** A model by name. */
  public Optional<ModelInfo> findModel(String name) {
    return dsl.selectFrom(MODELS)
        .where(MODELS.MODEL_NAME.eq(name))
        .fetchOptional()
        .map(RegistryRepository::toModel);
  }

  /** A dataset by name. */
  public Optional<DatasetInfo> findDataset(String name) {
    return dsl.selectFrom(DATASETS)
        .where(DATASETS.DATASET_NAME.eq(name))
        .fetchOptional()
        .map(RegistryRepository::toDataset);
  }

  /** Models, by name; {@code family}/{@code specialization} filter when not null (exact). */
  public List<ModelInfo> listModels(String family, String specialization) {
    List<Condition> where = new ArrayList<>();
    if (family != null) {
      where.add(MODELS.MODEL_FAMILY.eq(family));
    }
    if (specialization != null) {
      where.add(MODELS.SPECIALIZATION.eq(specialization));
    }
    return dsl.selectFrom(MODELS)
        .where(where)
        .orderBy(MODELS.MODEL_NAME)
        .fetch(RegistryRepository::toModel);
  }

  /** Datasets, by name; {@code category}/{@code taskType} filter when not null (exact). */
  public List<DatasetInfo> listDatasets(String category, String taskType) {
    List<Condition> where = new ArrayList<>();
    if (category != null) {
      where.add(DATASETS.CATEGORY.eq(category));
    }
    if (taskType != null) {
      where.add(DATASETS.TASK_TYPE.eq(taskType));
    }
    return dsl.selectFrom(DATASETS)
        .where(where)
        .orderBy(DATASETS.DATASET_NAME)
        .fetch(RegistryRepository::toDataset);
  }

  /**
   * Sets attributes of a model (a researcher's edit; overwrites). Keys are {@link
   * #MODEL_ATTRIBUTES}; an empty value clears the attribute.
   *
   * @throws IllegalArgumentException naming an unknown model, attribute or bad value
   */
  public ModelInfo updateModel(String name, Map<String, String> attributes) {
    ModelsRecord r =
        dsl.selectFrom(MODELS)
            .where(MODELS.MODEL_NAME.eq(name))
            .fetchOptional()
            .orElseThrow(() -> new IllegalArgumentException("no model named '" + name + "'"));
    attributes.forEach(
        (k, v) -> {
          String value = v == null || v.isBlank() ? null : v.trim();
          switch (k.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "family" -> r.setModelFamily(value);
            case "parameter_count", "params" -> r.setParameterCount(parseCount(name, value));
            case "specialization" -> r.setSpecialization(value);
            case "backend" -> r.setBackend(value);
            case "weights" -> r.setWeights(value);
            default ->
                throw new IllegalArgumentException(
                    "model attribute '" + k + "' is not one of " + MODEL_ATTRIBUTES);
          }
        });
    ModelInfo checked = toModel(r);
    r.setUpdatedAt(java.time.OffsetDateTime.now());
    r.store();
    return checked;
  }

  /**
   * Sets attributes of a dataset (a researcher's edit; overwrites). Keys are {@link
   * #DATASET_ATTRIBUTES}; an empty value clears the attribute.
   *
   * @throws IllegalArgumentException naming an unknown dataset, attribute or bad value
   */
  public DatasetInfo updateDataset(String name, Map<String, String> attributes) {
    DatasetsRecord r =
        dsl.selectFrom(DATASETS)
            .where(DATASETS.DATASET_NAME.eq(name))
            .fetchOptional()
            .orElseThrow(() -> new IllegalArgumentException("no dataset named '" + name + "'"));
    attributes.forEach(
        (k, v) -> {
          String value = v == null || v.isBlank() ? null : v.trim();
          switch (k.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "task_type" -> r.setTaskType(value);
            case "category" -> r.setCategory(value);
            case "sample_count" -> {
              Long n = parseCount(name, value);
              if (n != null && n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("sample_count " + value + " is too large");
              }
              r.setSampleCount(n == null ? null : n.intValue());
            }
            case "file_path" -> r.setFilePath(value);
            case "harness_task" -> r.setHarnessTask(value);
            default ->
                throw new IllegalArgumentException(
                    "dataset attribute '" + k + "' is not one of " + DATASET_ATTRIBUTES);
          }
        });
    DatasetInfo checked = toDataset(r);
    r.setUpdatedAt(java.time.OffsetDateTime.now());
    r.store();
    return checked;
  }

  /**
   * Writes every descriptive field of a model as given (the registry view's edit of a whole row).
   *
   * @throws IllegalArgumentException when the model does not exist
   */
  public void updateModel(ModelInfo m) {
    int n =
        dsl.update(MODELS)
            .set(MODELS.MODEL_FAMILY, m.family())
            .set(MODELS.PARAMETER_COUNT, m.parameterCount())
            .set(MODELS.SPECIALIZATION, m.specialization())
            .set(MODELS.BACKEND, m.backend())
            .set(MODELS.WEIGHTS, m.weights())
            .set(MODELS.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(MODELS.MODEL_NAME.eq(m.name()))
            .execute();
    if (n != 1) {
      throw new IllegalArgumentException("model " + m.name() + " does not exist");
    }
  }

  /**
   * Writes every descriptive field of a dataset as given (the registry view's edit of a whole row).
   *
   * @throws IllegalArgumentException when the dataset does not exist
   */
  public void updateDataset(DatasetInfo d) {
    int n =
        dsl.update(DATASETS)
            .set(DATASETS.TASK_TYPE, d.taskType())
            .set(DATASETS.CATEGORY, d.category())
            .set(DATASETS.SAMPLE_COUNT, d.sampleCount())
            .set(DATASETS.FILE_PATH, d.filePath())
            .set(DATASETS.HARNESS_TASK, d.harnessTask())
            .set(DATASETS.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(DATASETS.DATASET_NAME.eq(d.name()))
            .execute();
    if (n != 1) {
      throw new IllegalArgumentException("dataset " + d.name() + " does not exist");
    }
  }

  private static Long parseCount(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(value.replace("_", ""));
      if (d < 0 || d != Math.rint(d)) {
        throw new IllegalArgumentException(
            name + ": '" + value + "' is not a whole non-negative number");
      }
      return (long) d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + value + "' is not a number", e);
    }
  }

  static ModelInfo toModel(ModelsRecord r) {
    return new ModelInfo(
        r.getModelName(),
        r.getModelFamily(),
        r.getParameterCount(),
        r.getSpecialization(),
        r.getBackend(),
        r.getWeights());
  }

  static DatasetInfo toDataset(DatasetsRecord r) {
    return new DatasetInfo(
        r.getDatasetName(),
        r.getTaskType(),
        r.getCategory(),
        r.getSampleCount(),
        r.getFilePath(),
        r.getHarnessTask());
  }
}
