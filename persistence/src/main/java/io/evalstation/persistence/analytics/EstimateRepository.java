package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.D;
import static io.evalstation.persistence.analytics.Evaluations.M;
import static io.evalstation.persistence.analytics.Evaluations.R;
import static io.evalstation.persistence.analytics.Evaluations.T;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * How long runs should take, from the throughput (total samples / total seconds) of completed runs
 * with a start, an end and a sample count: the Launch view's and {@code submit --dry-run}'s
 * estimate. A whole grid of models × datasets costs one query.
 */
public final class EstimateRepository {
  private final DSLContext dsl;

  EstimateRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Estimates every model × dataset of a grid that has history, in one query. For each pair, runs
   * with the same preset are used when there are any, else runs with any preset.
   *
   * @param preset the preset of the launch, or null for runs with any preset
   * @param samples samples per run; null or 0 for each dataset's sample count, else the runs' mean
   * @return one estimate per pair with history, by model then dataset; pairs without history have
   *     none
   */
  public List<DurationEstimate> estimates(
      Collection<String> models, Collection<String> datasets, String preset, Integer samples) {
    if (models.isEmpty() || datasets.isEmpty()) {
      return List.of();
    }
    Field<Integer> runSamples = coalesce(R.SAMPLES_PROCESSED, T.SAMPLES_DONE);
    Field<Double> seconds = Evaluations.seconds();
    Condition samePreset = preset == null ? DSL.falseCondition() : T.PRESET.eq(preset);
    Field<Integer> runs = count().as("runs");
    Field<Double> allSamples = sum(runSamples).coerce(SQLDataType.DOUBLE).as("samples");
    Field<Double> allSeconds = sum(seconds).coerce(SQLDataType.DOUBLE).as("seconds");
    Field<Integer> presetRuns = count().filterWhere(samePreset).as("preset_runs");
    Field<Double> presetSamples =
        sum(runSamples).filterWhere(samePreset).coerce(SQLDataType.DOUBLE).as("preset_samples");
    Field<Double> presetSeconds =
        sum(seconds).filterWhere(samePreset).coerce(SQLDataType.DOUBLE).as("preset_seconds");
    List<DurationEstimate> out = new ArrayList<>();
    Evaluations.from(
            dsl.select(
                M.MODEL_NAME,
                D.DATASET_NAME,
                D.SAMPLE_COUNT,
                runs,
                allSamples,
                allSeconds,
                presetRuns,
                presetSamples,
                presetSeconds))
        .leftJoin(R)
        .on(R.TASK_ID.eq(T.TASK_ID))
        .where(M.MODEL_NAME.in(models))
        .and(D.DATASET_NAME.in(datasets))
        .and(T.STATUS.eq("completed"))
        .and(T.START_TIME.isNotNull())
        .and(T.END_TIME.gt(T.START_TIME))
        .and(runSamples.gt(0))
        .groupBy(M.MODEL_NAME, D.DATASET_ID, D.DATASET_NAME, D.SAMPLE_COUNT)
        .orderBy(M.MODEL_NAME, D.DATASET_NAME)
        .forEach(
            r -> {
              boolean matched = r.get(presetRuns) > 0;
              int n = matched ? r.get(presetRuns) : r.get(runs);
              double total = matched ? r.get(presetSamples) : r.get(allSamples);
              double secs = matched ? r.get(presetSeconds) : r.get(allSeconds);
              double rate = total / secs;
              Integer count = r.get(D.SAMPLE_COUNT);
              int target;
              if (samples != null && samples > 0) {
                target = samples;
              } else {
                target = count != null && count > 0 ? count : (int) Math.round(total / n);
              }
              out.add(
                  new DurationEstimate(
                      r.get(M.MODEL_NAME),
                      r.get(D.DATASET_NAME),
                      preset,
                      matched,
                      n,
                      rate,
                      target,
                      Duration.ofMillis(Math.round(target / rate * 1000))));
            });
    return out;
  }
}
