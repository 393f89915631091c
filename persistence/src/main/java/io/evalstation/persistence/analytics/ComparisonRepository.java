package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.D;
import static io.evalstation.persistence.analytics.Evaluations.M;
import static io.evalstation.persistence.analytics.Evaluations.P;
import static io.evalstation.persistence.analytics.Evaluations.R;
import static io.evalstation.persistence.analytics.Evaluations.S;
import static io.evalstation.persistence.analytics.Evaluations.T;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.model.MetricKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;

/**
 * Paired comparison of two runs sample by sample (the Compare view, {@code evalstation compare}):
 * which runs there are to compare, and the counts, McNemar's exact p and a paired bootstrap of two
 * tasks' predictions, computed over one full outer join in PostgreSQL (see ADR 0040).
 */
public final class ComparisonRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DSLContext dsl;

  ComparisonRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** The latest completed task of a model on a dataset (by end time, then id). */
  public long latestCompletedTask(String model, String dataset) {
    return Evaluations.from(dsl.select(T.TASK_ID))
        .where(M.MODEL_NAME.eq(model))
        .and(D.DATASET_NAME.eq(dataset))
        .and(T.STATUS.eq("completed"))
        .orderBy(Evaluations.evaluationTime().desc(), T.TASK_ID.desc())
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
            : Statistics.pairedBootstrap(
                n, c.regressed, c.fixed, replicates, seed, Statistics.LEVEL);
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
            // lm-eval's "n-shot" is an object (task → shots): compare it as JSON text
            return v.isValueNode() ? v.asText() : v.toString();
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
    return Evaluations.from(
            dsl.select(
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
                sessionProvenance))
        .leftJoin(R)
        .on(R.TASK_ID.eq(T.TASK_ID))
        .where(condition)
        .orderBy(Evaluations.evaluationTime().desc(), T.TASK_ID.desc())
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
                        Evaluations.instant(r.get(T.END_TIME)),
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
}
