package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.METRIC_DEFINITIONS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.rank;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.stddevSamp;
import static org.jooq.impl.DSL.sum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.model.MetricKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The analytics queries: leaderboards, pivots, cross-dataset comparison, best per specialization,
 * performance series, trends, paired comparisons with statistics, the prediction pairs the
 * Predictions view pages through, duration estimates, and the rows of session exports. Every
 * aggregate is computed in PostgreSQL; results are records of this package, never jOOQ records.
 * Thread-safe (it holds only the {@link DSLContext}).
 */
public final class AnalyticsRepository {
  /** The coding datasets of the plan's "best model per specialization" question. */
  public static final List<String> CODING_DATASETS = List.of("humaneval", "mbpp", "bigcodebench");

  /** The confidence level of intervals. */
  public static final double LEVEL = 0.95;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Field<Double> NAN = field("'NaN'::double precision", SQLDataType.DOUBLE);

  private static final io.evalstation.persistence.jooq.tables.EvaluationTasks T = EVALUATION_TASKS;
  private static final io.evalstation.persistence.jooq.tables.TaskMetrics TM = TASK_METRICS;
  private static final io.evalstation.persistence.jooq.tables.Models M = MODELS;
  private static final io.evalstation.persistence.jooq.tables.Datasets D = DATASETS;
  private static final io.evalstation.persistence.jooq.tables.EvaluationResults R =
      EVALUATION_RESULTS;
  private static final io.evalstation.persistence.jooq.tables.EvaluationSessions S =
      EVALUATION_SESSIONS;
  private static final io.evalstation.persistence.jooq.tables.Predictions P = PREDICTIONS;

  private final DSLContext dsl;

  public AnalyticsRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  // ---------------------------------------------------------------- metric resolution

  /**
   * Resolves a metric as named to the metric and filter stored: a named filter is taken as is (and
   * must have values); a bare metric takes the filter {@code none}, or the only filter recorded for
   * it (among the evaluations the filter selects, when the metric has several).
   *
   * @throws IllegalArgumentException naming the metric and the filters (or metrics) there are
   */
  public MetricKey resolveMetric(MetricSelector selector, ResultFilter filter) {
    return resolve(selector, filter).key();
  }

  private record Resolved(MetricKey key, boolean higherIsBetter) {}

  /**
   * One round trip in the common case: the metric's filters over all tasks (an index-only scan of
   * (metric, filter)) together with its direction; the filter's scope is consulted only when the
   * metric has several filters and none is named.
   */
  private Resolved resolve(MetricSelector selector, ResultFilter filter) {
    Field<Boolean> hib =
        field(
                select(METRIC_DEFINITIONS.HIGHER_IS_BETTER)
                    .from(METRIC_DEFINITIONS)
                    .where(METRIC_DEFINITIONS.METRIC.eq(selector.metric())))
            .as("hib");
    List<String> filters = new ArrayList<>();
    boolean[] higher = {true};
    dsl.select(TM.FILTER, hib)
        .from(TM)
        .where(TM.METRIC.eq(selector.metric()))
        .groupBy(TM.FILTER)
        .orderBy(TM.FILTER)
        .forEach(
            r -> {
              filters.add(r.get(TM.FILTER));
              higher[0] = r.get(hib) == null || r.get(hib);
            });
    if (filters.isEmpty()) {
      List<String> known =
          dsl.selectDistinct(TM.METRIC).from(TM).orderBy(TM.METRIC).limit(50).fetch(TM.METRIC);
      throw new IllegalArgumentException(
          "no evaluation has metric '"
              + selector.metric()
              + "'; metrics recorded: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    if (selector.hasExplicitFilter()) {
      if (!filters.contains(selector.filter())) {
        throw new IllegalArgumentException(
            "metric '"
                + selector.metric()
                + "' has no values under filter '"
                + selector.filter()
                + "'; its filters: "
                + String.join(", ", filters));
      }
      return new Resolved(new MetricKey(selector.metric(), selector.filter()), higher[0]);
    }
    if (filters.contains(MetricKey.NO_FILTER)) {
      return new Resolved(MetricKey.of(selector.metric()), higher[0]);
    }
    if (filters.size() == 1) {
      return new Resolved(new MetricKey(selector.metric(), filters.get(0)), higher[0]);
    }
    List<String> scoped =
        dsl.selectDistinct(TM.FILTER)
            .from(TM)
            .join(T)
            .on(T.TASK_ID.eq(TM.TASK_ID))
            .join(M)
            .on(M.MODEL_ID.eq(T.MODEL_ID))
            .join(D)
            .on(D.DATASET_ID.eq(T.DATASET_ID))
            .where(TM.METRIC.eq(selector.metric()))
            .and(scope(filter, true))
            .orderBy(TM.FILTER)
            .fetch(TM.FILTER);
    if (scoped.size() == 1) {
      return new Resolved(new MetricKey(selector.metric(), scoped.get(0)), higher[0]);
    }
    List<String> listed = scoped.isEmpty() ? filters : scoped;
    throw new IllegalArgumentException(
        "metric '"
            + selector.metric()
            + "' is recorded under several filters ("
            + String.join(", ", listed)
            + "); name one, e.g. --metric "
            + selector.metric()
            + ","
            + listed.get(0));
  }

  /** Whether higher values of the metric are better (metric_definitions; unknown → true). */
  public boolean higherIsBetter(String metric) {
    Boolean b =
        dsl.select(METRIC_DEFINITIONS.HIGHER_IS_BETTER)
            .from(METRIC_DEFINITIONS)
            .where(METRIC_DEFINITIONS.METRIC.eq(MetricKey.canonicalMetric(metric)))
            .fetchOne(METRIC_DEFINITIONS.HIGHER_IS_BETTER);
    return b == null || b;
  }

  /** Every metric and filter recorded, sorted (for metric pickers). */
  public List<MetricKey> metrics() {
    return dsl.selectDistinct(TM.METRIC, TM.FILTER)
        .from(TM)
        .orderBy(TM.METRIC, TM.FILTER)
        .fetch(r -> new MetricKey(r.value1(), r.value2()));
  }

  /** Names of datasets with at least one task, sorted. */
  public List<String> datasetNames() {
    return dsl.select(D.DATASET_NAME)
        .from(D)
        .whereExists(select(T.TASK_ID).from(T).where(T.DATASET_ID.eq(D.DATASET_ID)))
        .orderBy(D.DATASET_NAME)
        .fetch(D.DATASET_NAME);
  }

  /** Names of models with at least one task, sorted. */
  public List<String> modelNames() {
    return dsl.select(M.MODEL_NAME)
        .from(M)
        .whereExists(select(T.TASK_ID).from(T).where(T.MODEL_ID.eq(M.MODEL_ID)))
        .orderBy(M.MODEL_NAME)
        .fetch(M.MODEL_NAME);
  }

  // ---------------------------------------------------------------- leaderboard

  /**
   * The leaderboard of a metric: per model, evaluations, mean, standard deviation, standard error,
   * 95% confidence interval (Student t), average response time, and competition rank (ties share a
   * rank; lower-is-better metrics rank ascending).
   */
  public Leaderboard leaderboard(MetricSelector selector, ResultFilter filter) {
    Resolved resolved = resolve(selector, filter);
    MetricKey key = resolved.key();
    boolean higher = resolved.higherIsBetter();
    Field<Integer> n = count().as("n");
    Field<Double> mean = avg(TM.VALUE).coerce(SQLDataType.DOUBLE).as("mean");
    Field<Double> sd = stddevSamp(TM.VALUE).coerce(SQLDataType.DOUBLE).as("sd");
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
        dsl.select(M.MODEL_NAME, M.MODEL_FAMILY, M.SPECIALIZATION, n, mean, sd, response, rank)
            .from(TM)
            .join(T)
            .on(T.TASK_ID.eq(TM.TASK_ID))
            .join(M)
            .on(M.MODEL_ID.eq(T.MODEL_ID))
            .join(D)
            .on(D.DATASET_ID.eq(T.DATASET_ID))
            .leftJoin(R)
            .on(R.TASK_ID.eq(T.TASK_ID))
            .where(valueOf(key))
            .and(scope(filter, true))
            .groupBy(M.MODEL_ID, M.MODEL_NAME, M.MODEL_FAMILY, M.SPECIALIZATION)
            .having(count().ge(filter.minEvaluations()))
            .orderBy(rank.asc(), M.MODEL_NAME.asc())
            .fetch(
                r -> {
                  int count = r.get(n);
                  double m = r.get(mean);
                  Double s = count > 1 ? r.get(sd) : null;
                  Double se = s == null ? null : s / Math.sqrt(count);
                  Double lo = null;
                  Double hi = null;
                  if (se != null) {
                    double half = Statistics.tCritical(count - 1, LEVEL) * se;
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

  // ---------------------------------------------------------------- pivot, cross-dataset

  /**
   * Models × datasets for one metric: mean ± stderr per cell (see {@link PivotCell#stderr}), the
   * best mean per dataset column marked. {@code minEvaluations} applies per cell.
   */
  public Pivot pivot(MetricSelector selector, ResultFilter filter) {
    Resolved resolved = resolve(selector, filter);
    MetricKey key = resolved.key();
    boolean higher = resolved.higherIsBetter();
    Field<Integer> n = count().as("n");
    Field<Double> mean = avg(TM.VALUE).coerce(SQLDataType.DOUBLE).as("mean");
    Field<Double> sd = stddevSamp(TM.VALUE).coerce(SQLDataType.DOUBLE).as("sd");
    Field<Double> reported = max(TM.STDERR).as("reported");
    record Raw(String model, String dataset, int n, double mean, Double stderr) {}
    List<Raw> raw =
        dsl.select(M.MODEL_NAME, D.DATASET_NAME, n, mean, sd, reported)
            .from(TM)
            .join(T)
            .on(T.TASK_ID.eq(TM.TASK_ID))
            .join(M)
            .on(M.MODEL_ID.eq(T.MODEL_ID))
            .join(D)
            .on(D.DATASET_ID.eq(T.DATASET_ID))
            .where(valueOf(key))
            .and(scope(filter, true))
            .groupBy(M.MODEL_NAME, D.DATASET_NAME)
            .having(count().ge(filter.minEvaluations()))
            .fetch(
                r -> {
                  int count = r.get(n);
                  Double se =
                      count == 1
                          ? r.get(reported)
                          : r.get(sd) == null ? null : r.get(sd) / Math.sqrt(count);
                  return new Raw(
                      r.get(M.MODEL_NAME), r.get(D.DATASET_NAME), count, r.get(mean), se);
                });
    Map<String, Double> bestPerDataset = new HashMap<>();
    for (Raw c : raw) {
      bestPerDataset.merge(
          c.dataset(), c.mean(), (x, y) -> higher ? Math.max(x, y) : Math.min(x, y));
    }
    TreeSet<String> models = new TreeSet<>();
    TreeSet<String> datasets = new TreeSet<>();
    List<PivotCell> cells = new ArrayList<>(raw.size());
    for (Raw c : raw) {
      models.add(c.model());
      datasets.add(c.dataset());
      boolean best = sameValue(c.mean(), bestPerDataset.get(c.dataset()));
      cells.add(new PivotCell(c.model(), c.dataset(), c.n(), c.mean(), c.stderr(), best));
    }
    cells.sort(Comparator.comparing(PivotCell::model).thenComparing(PivotCell::dataset));
    return new Pivot(
        key, higher, filter, new ArrayList<>(models), new ArrayList<>(datasets), cells);
  }

  /** The cross-dataset comparison: model × dataset mean and count (the pivot's cells). */
  public List<PivotCell> crossDataset(MetricSelector selector, ResultFilter filter) {
    return pivot(selector, filter).cells();
  }

  /**
   * The best model of each specialization on the given datasets (the coding datasets when the
   * filter names none), among models with at least {@code filter.minEvaluations()} evaluations.
   * Sorted by specialization; ties give several rows.
   */
  public List<SpecializationBest> bestBySpecialization(
      MetricSelector selector, ResultFilter filter) {
    ResultFilter f = filter.datasets().isEmpty() ? filter.withDatasets(CODING_DATASETS) : filter;
    Resolved resolved = resolve(selector, f);
    MetricKey key = resolved.key();
    boolean higher = resolved.higherIsBetter();
    Field<String> spec = coalesce(M.SPECIALIZATION, inline("unspecified")).as("spec");
    Field<Integer> n = count().as("n");
    Field<Double> mean = avg(TM.VALUE).coerce(SQLDataType.DOUBLE).as("mean");
    Field<Integer> rank =
        rank()
            .over()
            .partitionBy(coalesce(M.SPECIALIZATION, inline("unspecified")))
            .orderBy(rankOrder(avg(TM.VALUE), higher))
            .as("rnk");
    Table<?> ranked =
        dsl.select(spec, M.MODEL_NAME, n, mean, rank)
            .from(TM)
            .join(T)
            .on(T.TASK_ID.eq(TM.TASK_ID))
            .join(M)
            .on(M.MODEL_ID.eq(T.MODEL_ID))
            .join(D)
            .on(D.DATASET_ID.eq(T.DATASET_ID))
            .where(valueOf(key))
            .and(scope(f, true))
            .groupBy(M.MODEL_ID, M.MODEL_NAME, M.SPECIALIZATION)
            .having(count().ge(f.minEvaluations()))
            .asTable("ranked");
    return dsl.selectFrom(ranked)
        .where(ranked.field(rank).eq(1))
        .orderBy(ranked.field(spec), ranked.field(M.MODEL_NAME))
        .fetch(
            r -> new SpecializationBest(r.get(spec), r.get(M.MODEL_NAME), r.get(n), r.get(mean)));
  }

  /**
   * Each model's mean per time bucket of the evaluation time (end time; see {@link ResultFilter}):
   * the plan's daily performance time series with {@link TimeBucket#DAY}.
   */
  public List<SeriesPoint> performanceSeries(
      MetricSelector selector, ResultFilter filter, TimeBucket bucket) {
    MetricKey key = resolveMetric(selector, filter);
    Field<LocalDateTime> b = bucketOf(evaluationTime(), bucket).as("bucket");
    Field<Integer> n = count().as("n");
    Field<Double> mean = avg(TM.VALUE).coerce(SQLDataType.DOUBLE).as("mean");
    return dsl.select(b, M.MODEL_NAME, n, mean)
        .from(TM)
        .join(T)
        .on(T.TASK_ID.eq(TM.TASK_ID))
        .join(M)
        .on(M.MODEL_ID.eq(T.MODEL_ID))
        .join(D)
        .on(D.DATASET_ID.eq(T.DATASET_ID))
        .where(valueOf(key))
        .and(scope(filter, true))
        .groupBy(bucketOf(evaluationTime(), bucket), M.MODEL_NAME)
        .having(count().ge(filter.minEvaluations()))
        .orderBy(b, M.MODEL_NAME)
        .fetch(
            r ->
                new SeriesPoint(
                    r.get(b).toInstant(ZoneOffset.UTC),
                    r.get(M.MODEL_NAME),
                    r.get(n),
                    r.get(mean)));
  }

  /** The daily performance time series. */
  public List<SeriesPoint> dailySeries(MetricSelector selector, ResultFilter filter) {
    return performanceSeries(selector, filter, TimeBucket.DAY);
  }

  // ---------------------------------------------------------------- trends

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
    Field<LocalDateTime> b = bucketOf(when, bucket).as("bucket");
    Field<Double> seconds =
        field("extract(epoch from ({0} - {1}))", SQLDataType.DOUBLE, T.END_TIME, T.START_TIME);
    Field<Integer> gpus = coalesce(gpusOf(T.PROVENANCE), gpusOf(S.PROVENANCE), inline(1));
    Field<Integer> sessions = countDistinct(T.SESSION_ID).as("sessions");
    Field<Integer> tasks = count().as("tasks");
    Field<Integer> completed = count().filterWhere(T.STATUS.eq("completed")).as("completed");
    Field<Integer> failed = count().filterWhere(T.STATUS.eq("failed")).as("failed");
    Field<Double> avgSeconds = avg(seconds).coerce(SQLDataType.DOUBLE).as("avg_seconds");
    Field<Double> gpuSeconds = sum(seconds.mul(gpus)).coerce(SQLDataType.DOUBLE).as("gpu_seconds");
    MetricKey key = metric == null ? null : resolveMetric(metric, filter);
    Field<Double> meanMetric =
        key == null
            ? inline((Double) null).as("mean_metric")
            : avg(TM.VALUE).coerce(SQLDataType.DOUBLE).as("mean_metric");
    var from =
        dsl.select(b, sessions, tasks, completed, failed, avgSeconds, gpuSeconds, meanMetric)
            .from(T)
            .join(S)
            .on(S.SESSION_ID.eq(T.SESSION_ID))
            .join(M)
            .on(M.MODEL_ID.eq(T.MODEL_ID))
            .join(D)
            .on(D.DATASET_ID.eq(T.DATASET_ID));
    var joined =
        key == null
            ? from
            : from.leftJoin(TM)
                .on(TM.TASK_ID.eq(T.TASK_ID))
                .and(TM.METRIC.eq(key.metric()))
                .and(TM.FILTER.eq(key.filter()))
                .and(TM.VALUE.ne(NAN));
    Condition window = DSL.noCondition();
    if (filter.from() != null) {
      window = window.and(when.ge(utc(filter.from())));
    }
    if (filter.to() != null) {
      window = window.and(when.lt(utc(filter.to())));
    }
    return joined
        .where(scope(filter.withWindow(null, null), false))
        .and(window)
        .groupBy(bucketOf(when, bucket))
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

  // ---------------------------------------------------------------- paired comparison

  /** The latest completed task of a model on a dataset (by end time, then id). */
  public long latestCompletedTask(String model, String dataset) {
    return dsl.select(T.TASK_ID)
        .from(T)
        .join(M)
        .on(M.MODEL_ID.eq(T.MODEL_ID))
        .join(D)
        .on(D.DATASET_ID.eq(T.DATASET_ID))
        .where(M.MODEL_NAME.eq(model))
        .and(D.DATASET_NAME.eq(dataset))
        .and(T.STATUS.eq("completed"))
        .orderBy(evaluationTime().desc(), T.TASK_ID.desc())
        .limit(1)
        .fetchOptional(T.TASK_ID)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "model '" + model + "' has no completed task on dataset '" + dataset + "'"));
  }

  /** Completed tasks of a model on a dataset (either may be null for all), newest first. */
  public List<TaskRef> completedTasks(String model, String dataset, int limit) {
    Condition c = T.STATUS.eq("completed");
    if (model != null) {
      c = c.and(M.MODEL_NAME.eq(model));
    }
    if (dataset != null) {
      c = c.and(D.DATASET_NAME.eq(dataset));
    }
    return taskRefs(c, limit).stream().map(TaskInfo::ref).toList();
  }

  /** Compares the latest completed tasks of two models on a dataset (A = {@code modelA}). */
  public PairedComparison compareModels(
      String modelA, String modelB, String dataset, String filter) {
    return compare(
        latestCompletedTask(modelA, dataset), latestCompletedTask(modelB, dataset), filter);
  }

  /** {@link #compare(long, long, String, int, long)} with the default bootstrap. */
  public PairedComparison compare(long taskA, long taskB, String filter) {
    return compare(taskA, taskB, filter, Statistics.DEFAULT_REPLICATES, Statistics.DEFAULT_SEED);
  }

  /**
   * Compares two tasks sample by sample. Samples pair by sample id and filter; when no sample id
   * pairs, by prompt hash and filter. Counts, McNemar's exact p and a paired bootstrap CI of the
   * accuracy difference are computed over pairs whose correctness is known on both sides.
   *
   * @param filter prediction filter to compare; null for {@code none}, or the only filter both have
   *     (several → error listing them)
   */
  public PairedComparison compare(
      long taskA, long taskB, String filter, int replicates, long seed) {
    if (taskA == taskB) {
      throw new IllegalArgumentException("task " + taskA + " compared with itself");
    }
    Map<Long, TaskInfo> infos = new HashMap<>();
    for (TaskInfo i : taskRefs(T.TASK_ID.in(taskA, taskB), 2)) {
      infos.put(i.ref().taskId(), i);
    }
    for (long id : new long[] {taskA, taskB}) {
      if (!infos.containsKey(id)) {
        throw new IllegalArgumentException("no task with id " + id);
      }
    }
    Alignment alignment = Alignment.SAMPLE_ID;
    Map<String, Counts> byFilter = pairCounts(taskA, taskB, alignment);
    boolean anyAligned = byFilter.values().stream().anyMatch(c -> c.aligned > 0);
    if (!anyAligned) {
      Map<String, Counts> byHash = pairCounts(taskA, taskB, Alignment.PROMPT_HASH);
      if (byHash.values().stream().anyMatch(c -> c.aligned > 0)) {
        alignment = Alignment.PROMPT_HASH;
        byFilter = byHash;
      }
    }
    int samplesA = byFilter.values().stream().mapToInt(c -> c.aligned + c.onlyA).sum();
    int samplesB = byFilter.values().stream().mapToInt(c -> c.aligned + c.onlyB).sum();
    String f = chooseFilter(filter, byFilter, taskA, taskB);
    Counts c = byFilter.getOrDefault(f, new Counts());
    TaskInfo ia = infos.get(taskA);
    TaskInfo ib = infos.get(taskB);
    TaskRef a = withSamples(ia.ref(), samplesA);
    TaskRef b = withSamples(ib.ref(), samplesB);

    int n = c.bothCorrect + c.fixed + c.regressed + c.bothWrong;
    double accA = n == 0 ? Double.NaN : (double) (c.bothCorrect + c.regressed) / n;
    double accB = n == 0 ? Double.NaN : (double) (c.bothCorrect + c.fixed) / n;
    double diff = n == 0 ? Double.NaN : (double) (c.fixed - c.regressed) / n;
    double p = Statistics.mcnemarExactP(c.regressed, c.fixed);
    ConfidenceInterval ci =
        n == 0
            ? null
            : Statistics.pairedBootstrap(n, c.regressed, c.fixed, replicates, seed, LEVEL);
    List<String> warnings = warnings(ia, ib, c, alignment);
    return new PairedComparison(
        a,
        b,
        f,
        alignment,
        c.aligned,
        c.onlyA,
        c.onlyB,
        c.unknown,
        c.bothCorrect,
        c.fixed,
        c.regressed,
        c.bothWrong,
        accA,
        accB,
        diff,
        p,
        ci,
        replicates,
        seed,
        warnings);
  }

  private static String chooseFilter(
      String filter, Map<String, Counts> byFilter, long taskA, long taskB) {
    List<String> common =
        byFilter.entrySet().stream()
            .filter(e -> e.getValue().aligned > 0)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (filter != null) {
      if (!byFilter.containsKey(filter)) {
        throw new IllegalArgumentException(
            "tasks "
                + taskA
                + " and "
                + taskB
                + " have no predictions under filter '"
                + filter
                + "'; filters: "
                + (byFilter.isEmpty()
                    ? "none"
                    : String.join(", ", new TreeSet<>(byFilter.keySet()))));
      }
      return filter;
    }
    if (common.isEmpty() || common.contains(MetricKey.NO_FILTER)) {
      return MetricKey.NO_FILTER;
    }
    if (common.size() == 1) {
      return common.get(0);
    }
    throw new IllegalArgumentException(
        "tasks "
            + taskA
            + " and "
            + taskB
            + " have predictions under several filters ("
            + String.join(", ", common)
            + "); name one");
  }

  private static final class Counts {
    int aligned;
    int onlyA;
    int onlyB;
    int unknown;
    int bothCorrect;
    int fixed;
    int regressed;
    int bothWrong;
    int hashMismatch;
  }

  /** One full outer join of the two tasks' predictions, counted per filter in SQL. */
  private Map<String, Counts> pairCounts(long taskA, long taskB, Alignment alignment) {
    // Only columns of idx_predictions_pairing (V20): both sides are index-only scans.
    Table<?> a =
        select(P.SAMPLE_ID, P.FILTER, P.PROMPT_HASH, P.CORRECT)
            .from(P)
            .where(P.TASK_ID.eq(taskA))
            .asTable("a");
    Table<?> b =
        select(P.SAMPLE_ID, P.FILTER, P.PROMPT_HASH, P.CORRECT)
            .from(P)
            .where(P.TASK_ID.eq(taskB))
            .asTable("b");
    // sample_id is NOT NULL: null on one side of the full join means "no such sample there".
    Field<Integer> aId = a.field(P.SAMPLE_ID);
    Field<Integer> bId = b.field(P.SAMPLE_ID);
    Field<Boolean> ac = a.field(P.CORRECT);
    Field<Boolean> bc = b.field(P.CORRECT);
    Field<String> ah = a.field(P.PROMPT_HASH);
    Field<String> bh = b.field(P.PROMPT_HASH);
    Condition on =
        alignment == Alignment.SAMPLE_ID
            ? a.field(P.SAMPLE_ID)
                .eq(b.field(P.SAMPLE_ID))
                .and(a.field(P.FILTER).eq(b.field(P.FILTER)))
            : ah.eq(bh).and(a.field(P.FILTER).eq(b.field(P.FILTER)));
    Field<String> f = coalesce(a.field(P.FILTER), b.field(P.FILTER)).as("f");
    Condition both = aId.isNotNull().and(bId.isNotNull());
    Field<Integer> aligned = count().filterWhere(both).as("aligned");
    Field<Integer> onlyA = count().filterWhere(bId.isNull()).as("only_a");
    Field<Integer> onlyB = count().filterWhere(aId.isNull()).as("only_b");
    Field<Integer> unknown =
        count().filterWhere(both.and(ac.isNull().or(bc.isNull()))).as("unknown");
    Field<Integer> bothCorrect = count().filterWhere(ac.isTrue().and(bc.isTrue())).as("cc");
    Field<Integer> fixed = count().filterWhere(ac.isFalse().and(bc.isTrue())).as("fixed");
    Field<Integer> regressed = count().filterWhere(ac.isTrue().and(bc.isFalse())).as("regr");
    Field<Integer> bothWrong = count().filterWhere(ac.isFalse().and(bc.isFalse())).as("ww");
    Field<Integer> mismatch =
        count()
            .filterWhere(both.and(ah.isNotNull()).and(bh.isNotNull()).and(ah.ne(bh)))
            .as("mismatch");
    Map<String, Counts> out = new LinkedHashMap<>();
    dsl.select(
            f, aligned, onlyA, onlyB, unknown, bothCorrect, fixed, regressed, bothWrong, mismatch)
        .from(a)
        .fullJoin(b)
        .on(on)
        .groupBy(coalesce(a.field(P.FILTER), b.field(P.FILTER)))
        .forEach(
            r -> {
              Counts c = new Counts();
              c.aligned = r.get(aligned);
              c.onlyA = r.get(onlyA);
              c.onlyB = r.get(onlyB);
              c.unknown = r.get(unknown);
              c.bothCorrect = r.get(bothCorrect);
              c.fixed = r.get(fixed);
              c.regressed = r.get(regressed);
              c.bothWrong = r.get(bothWrong);
              c.hashMismatch = r.get(mismatch);
              out.put(r.get(f), c);
            });
    return out;
  }

  private static List<String> warnings(TaskInfo a, TaskInfo b, Counts c, Alignment alignment) {
    List<String> w = new ArrayList<>();
    if (!Objects.equals(a.ref().dataset(), b.ref().dataset())) {
      w.add("different datasets: A on " + a.ref().dataset() + ", B on " + b.ref().dataset());
    }
    if (!Objects.equals(a.ref().sampleLimit(), b.ref().sampleLimit())) {
      w.add(
          "different sample limits: A "
              + orAll(a.ref().sampleLimit())
              + ", B "
              + orAll(b.ref().sampleLimit()));
    }
    if (!Objects.equals(a.ref().preset(), b.ref().preset())) {
      w.add("different presets: A " + a.ref().preset() + ", B " + b.ref().preset());
    }
    String shotA = a.provenance(ProvenanceKeys.N_SHOT);
    String shotB = b.provenance(ProvenanceKeys.N_SHOT);
    if (!Objects.equals(shotA, shotB)) {
      w.add("different n-shot: A " + orUnknown(shotA) + ", B " + orUnknown(shotB));
    }
    String harnessA = a.provenance(ProvenanceKeys.HARNESS_VERSION);
    String harnessB = b.provenance(ProvenanceKeys.HARNESS_VERSION);
    if (!Objects.equals(harnessA, harnessB)) {
      w.add("different harness versions: A " + orUnknown(harnessA) + ", B " + orUnknown(harnessB));
    }
    if (c.hashMismatch > 0) {
      w.add(
          c.hashMismatch
              + " of "
              + c.aligned
              + " aligned samples have different prompt hashes (the prompts differ)");
    }
    if (alignment == Alignment.PROMPT_HASH) {
      w.add("no sample ids matched; samples were paired by prompt hash");
    }
    if (c.onlyA > 0 || c.onlyB > 0) {
      w.add(
          c.onlyA + " samples only in A and " + c.onlyB + " only in B are left out of the counts");
    }
    if (c.unknown > 0) {
      w.add(c.unknown + " aligned samples have unknown correctness and are left out");
    }
    return w;
  }

  private static String orAll(Integer limit) {
    return limit == null ? "all" : limit.toString();
  }

  private static String orUnknown(String s) {
    return s == null ? "unknown" : s;
  }

  private record TaskInfo(TaskRef ref, JsonNode taskProvenance, JsonNode sessionProvenance) {
    String provenance(List<String> keys) {
      for (JsonNode node : new JsonNode[] {taskProvenance, sessionProvenance}) {
        for (String k : keys) {
          JsonNode v = node == null ? null : node.get(k);
          if (v != null && !v.isNull()) {
            return v.asText();
          }
        }
      }
      return null;
    }
  }

  private static TaskRef withSamples(TaskRef r, int samples) {
    return new TaskRef(
        r.taskId(),
        r.sessionKey(),
        r.model(),
        r.dataset(),
        r.preset(),
        r.sampleLimit(),
        r.status(),
        r.endTime(),
        samples);
  }

  private List<TaskInfo> taskRefs(Condition condition, int limit) {
    Field<JSONB> sessionProvenance = S.PROVENANCE.as("session_provenance");
    return dsl.select(
            T.TASK_ID,
            S.SESSION_KEY,
            M.MODEL_NAME,
            D.DATASET_NAME,
            T.PRESET,
            T.SAMPLE_LIMIT,
            T.STATUS,
            T.END_TIME,
            R.SAMPLES_PROCESSED,
            T.PROVENANCE,
            sessionProvenance)
        .from(T)
        .join(S)
        .on(S.SESSION_ID.eq(T.SESSION_ID))
        .join(M)
        .on(M.MODEL_ID.eq(T.MODEL_ID))
        .join(D)
        .on(D.DATASET_ID.eq(T.DATASET_ID))
        .leftJoin(R)
        .on(R.TASK_ID.eq(T.TASK_ID))
        .where(condition)
        .orderBy(evaluationTime().desc(), T.TASK_ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new TaskInfo(
                    new TaskRef(
                        r.get(T.TASK_ID),
                        r.get(S.SESSION_KEY),
                        r.get(M.MODEL_NAME),
                        r.get(D.DATASET_NAME),
                        r.get(T.PRESET),
                        r.get(T.SAMPLE_LIMIT),
                        r.get(T.STATUS),
                        instant(r.get(T.END_TIME)),
                        r.get(R.SAMPLES_PROCESSED) == null ? 0 : r.get(R.SAMPLES_PROCESSED)),
                    json(r.get(T.PROVENANCE)),
                    json(r.get(sessionProvenance))));
  }

  private static JsonNode json(JSONB j) {
    if (j == null || j.data() == null) {
      return null;
    }
    try {
      return JSON.readTree(j.data());
    } catch (IOException e) {
      throw new IllegalStateException("stored provenance is not JSON: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- prediction pairs (paged)

  /**
   * One keyset page of two tasks' predictions side by side, filtered by outcome and text. Pairs by
   * sample id and filter (by prompt hash when no sample id pairs). Served from the (task_id,
   * sample_id, filter) unique index: a page costs about its size in index probes.
   */
  public PredictionPage predictionPairs(PredictionPairQuery q) {
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

  // ---------------------------------------------------------------- duration estimate

  /**
   * How long {@code samples} samples of a model on a dataset with a preset should take, from the
   * throughput (total samples / total seconds) of completed runs with a start, an end and a sample
   * count. Runs with the same preset are used when there are any, else runs with any preset.
   *
   * @param samples samples to estimate for; null or 0 for the dataset's sample count, else the
   *     runs' mean
   * @return empty when no completed run of the model on the dataset has timing
   */
  public Optional<DurationEstimate> estimateDuration(
      String model, String dataset, String preset, Integer samples) {
    Optional<double[]> exact =
        preset == null ? Optional.empty() : throughput(model, dataset, T.PRESET.eq(preset));
    boolean matched = exact.isPresent();
    Optional<double[]> figures = matched ? exact : throughput(model, dataset, DSL.noCondition());
    if (figures.isEmpty()) {
      return Optional.empty();
    }
    double[] f = figures.get(); // runs, samples, seconds
    double rate = f[1] / f[2];
    int target;
    if (samples != null && samples > 0) {
      target = samples;
    } else {
      Integer count =
          dsl.select(D.SAMPLE_COUNT)
              .from(D)
              .where(D.DATASET_NAME.eq(dataset))
              .fetchOne(D.SAMPLE_COUNT);
      target = count != null && count > 0 ? count : (int) Math.round(f[1] / f[0]);
    }
    Duration estimate = Duration.ofMillis(Math.round(target / rate * 1000));
    return Optional.of(
        new DurationEstimate(model, dataset, preset, matched, (int) f[0], rate, target, estimate));
  }

  private Optional<double[]> throughput(String model, String dataset, Condition presetCondition) {
    Field<Integer> samples = coalesce(R.SAMPLES_PROCESSED, T.SAMPLES_DONE);
    Field<Double> seconds =
        field("extract(epoch from ({0} - {1}))", SQLDataType.DOUBLE, T.END_TIME, T.START_TIME);
    Field<Integer> runs = count().as("runs");
    Field<Double> sumSamples = sum(samples).coerce(SQLDataType.DOUBLE).as("samples");
    Field<Double> sumSeconds = sum(seconds).coerce(SQLDataType.DOUBLE).as("seconds");
    Record r =
        dsl.select(runs, sumSamples, sumSeconds)
            .from(T)
            .join(M)
            .on(M.MODEL_ID.eq(T.MODEL_ID))
            .join(D)
            .on(D.DATASET_ID.eq(T.DATASET_ID))
            .leftJoin(R)
            .on(R.TASK_ID.eq(T.TASK_ID))
            .where(M.MODEL_NAME.eq(model))
            .and(D.DATASET_NAME.eq(dataset))
            .and(T.STATUS.eq("completed"))
            .and(T.START_TIME.isNotNull())
            .and(T.END_TIME.gt(T.START_TIME))
            .and(samples.gt(0))
            .and(presetCondition)
            .fetchOne();
    if (r == null || r.get(runs) == 0) {
      return Optional.empty();
    }
    return Optional.of(new double[] {r.get(runs), r.get(sumSamples), r.get(sumSeconds)});
  }

  // ---------------------------------------------------------------- session exports

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
    Field<Double> seconds =
        field("extract(epoch from ({0} - {1}))", SQLDataType.DOUBLE, T.END_TIME, T.START_TIME)
            .as("seconds");
    return dsl.select(
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
            T.ERROR_MESSAGE)
        .from(T)
        .join(M)
        .on(M.MODEL_ID.eq(T.MODEL_ID))
        .join(D)
        .on(D.DATASET_ID.eq(T.DATASET_ID))
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
                    instant(r.get(T.START_TIME)),
                    instant(r.get(T.END_TIME)),
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
    forEachPrediction(
        T.SESSION_ID.eq(sessionId),
        consumer,
        T.TASK_INDEX.asc(),
        P.SAMPLE_ID.asc(),
        P.FILTER.asc());
  }

  /** Streams one task's predictions in sample id, filter order. */
  public void forEachTaskPrediction(long taskId, Consumer<PredictionRow> consumer) {
    forEachPrediction(P.TASK_ID.eq(taskId), consumer, P.SAMPLE_ID.asc(), P.FILTER.asc());
  }

  private void forEachPrediction(
      Condition condition, Consumer<PredictionRow> consumer, SortField<?>... order) {
    Field<String> pred = coalesce(P.FILTERED_PREDICTION, P.PREDICTION).as("pred");
    // PostgreSQL streams with a fetch size only inside a transaction (autocommit off).
    dsl.transaction(
        cfg -> {
          try (Cursor<?> cursor =
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
                      P.PROMPT_HASH)
                  .from(P)
                  .join(T)
                  .on(T.TASK_ID.eq(P.TASK_ID))
                  .join(M)
                  .on(M.MODEL_ID.eq(T.MODEL_ID))
                  .join(D)
                  .on(D.DATASET_ID.eq(T.DATASET_ID))
                  .where(condition)
                  .orderBy(order)
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

  // ---------------------------------------------------------------- helpers

  /** When an evaluation happened: its end, else its start, else its creation. */
  private static Field<OffsetDateTime> evaluationTime() {
    return coalesce(T.END_TIME, T.START_TIME, T.CREATED_AT);
  }

  private static Field<LocalDateTime> bucketOf(Field<OffsetDateTime> time, TimeBucket bucket) {
    return field(
        "date_trunc({0}, {1} at time zone 'UTC')",
        SQLDataType.LOCALDATETIME, inline(bucket.sqlUnit()), time);
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

  private static Condition valueOf(MetricKey key) {
    return TM.METRIC
        .eq(key.metric())
        .and(TM.FILTER.eq(key.filter()))
        .and(TM.VALUE.isNotNull())
        .and(TM.VALUE.ne(NAN));
  }

  /**
   * Rank order on the mean rounded to 9 decimals, so that means equal up to floating-point noise of
   * the summation order tie.
   */
  private static SortField<?> rankOrder(Field<java.math.BigDecimal> avg, boolean higher) {
    Field<java.math.BigDecimal> rounded = round(avg.cast(SQLDataType.NUMERIC), 9);
    return higher ? rounded.desc() : rounded.asc();
  }

  private static boolean sameValue(double x, double y) {
    return Math.abs(x - y) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
  }

  private Condition scope(ResultFilter f, boolean completedOnly) {
    Condition c = completedOnly ? T.STATUS.eq("completed") : DSL.noCondition();
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
      c = c.and(evaluationTime().ge(utc(f.from())));
    }
    if (f.to() != null) {
      c = c.and(evaluationTime().lt(utc(f.to())));
    }
    return c;
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
