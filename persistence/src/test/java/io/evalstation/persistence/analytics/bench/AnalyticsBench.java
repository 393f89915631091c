package io.evalstation.persistence.analytics.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.LeaderboardRow;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.PairOutcome;
import io.evalstation.persistence.analytics.PairedComparison;
import io.evalstation.persistence.analytics.PredictionPairQuery;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.export.ExportInfo;
import io.evalstation.persistence.export.XlsxExport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The analytics benchmark. Generates (once, kept in {@code --dir}) 1,000 sessions with 10,000 tasks
 * and 5,000,000 predictions directly in PostgreSQL with generate_series INSERTs, writes the same
 * sessions as legacy {@code evaluation_session_*.json} files (results and GPU samples, no
 * predictions: the leaderboard needs none), then times in one run: the leaderboard from the
 * database and the same leaderboard computed by reading every session file; pivot; trends; a paired
 * comparison of two 100,000-sample tasks; prediction pair pages; an .xlsx of 100,000 prediction
 * rows (time and peak heap).
 *
 * <pre>
 * scripts/bench-analytics.sh [--dir /tmp/evalstation-bench] [--runs 30]
 * </pre>
 */
public final class AnalyticsBench {
  static final int SESSIONS = 1_000;
  static final int TASKS_PER_SESSION = 10;
  static final long PREDICTIONS = 5_000_000L;
  static final int PAIR_SAMPLES = 100_000;

  private static final PrintStream OUT = System.out;

  private AnalyticsBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("/tmp/evalstation-bench");
    int runs = 30;
    boolean xlsxOnly = false;
    boolean explain = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--xlsx-only" -> xlsxOnly = true;
        case "--explain" -> explain = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    OUT.printf(
        Locale.ROOT,
        "analytics bench: %s, %d cores, max heap %d MB, load average %.1f%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (Database db =
        Database.open(
            DatabaseSettings.embedded(
                new AppDirectories(dir.resolve("config"), dir.resolve("data"))),
            Database.PasswordPrompt.none())) {
      DSLContext dsl = db.dsl();
      OUT.println("PostgreSQL " + dsl.fetchValue("show server_version"));
      if (dsl.fetchCount(dsl.selectFrom("evaluation_tasks")) == 0) {
        generate(dsl);
      }
      Path legacy = dir.resolve("legacy");
      if (!Files.isDirectory(legacy)) {
        writeLegacy(dsl, legacy);
      }
      long[] pair = pairTasks(dsl);
      Analytics a = new Analytics(db);
      if (explain) {
        explain(dsl, pair);
        return;
      }
      if (xlsxOnly) {
        xlsx(a, dsl, pair[0], dir);
        return;
      }
      OUT.printf(
          "corpus: %,d sessions, %,d tasks, %,d task metrics, %,d predictions%n",
          dsl.fetchCount(dsl.selectFrom("evaluation_sessions")),
          dsl.fetchCount(dsl.selectFrom("evaluation_tasks")),
          dsl.fetchCount(dsl.selectFrom("task_metrics")),
          dsl.fetchCount(dsl.selectFrom("predictions")));

      MetricSelector pass = MetricSelector.parse("pass@1");
      ResultFilter all = ResultFilter.all();
      Leaderboard lb = a.leaderboards().leaderboard(pass, all);
      time(
          "leaderboard pass@1 (all datasets)", runs, () -> a.leaderboards().leaderboard(pass, all));
      ResultFilter filtered =
          all.withDatasets("humaneval", "mbpp").withPreset("balanced").withMinEvaluations(5);
      time(
          "leaderboard pass@1 humaneval+mbpp, preset, min 5",
          runs,
          () -> a.leaderboards().leaderboard(pass, filtered));
      MetricSelector acc = MetricSelector.parse("acc");
      time("pivot acc (models x datasets)", runs, () -> a.pivots().pivot(acc, all));
      time("trends daily + mean acc", runs, () -> a.trends().trends(TimeBucket.DAY, all, acc));
      time("trends weekly", runs, () -> a.trends().trends(TimeBucket.WEEK, all, null));
      estimates(a, runs);
      PairedComparison cmp = a.comparisons().compare(pair[0], pair[1], null);
      OUT.printf(
          Locale.ROOT,
          "  paired: n=%d fixed=%d regressed=%d p=%.3g CI=[%.4f, %.4f]%n",
          cmp.counted(),
          cmp.fixed(),
          cmp.regressed(),
          cmp.mcnemarP(),
          cmp.bootstrap().low(),
          cmp.bootstrap().high());
      time(
          "paired comparison 100k x 100k (incl. bootstrap 10000)",
          Math.max(5, runs / 3),
          () -> a.comparisons().compare(pair[0], pair[1], null));
      // Before/after of V20's covering index, in the same run: drop it, time, rebuild it.
      dsl.execute("DROP INDEX IF EXISTS idx_predictions_pairing");
      time(
          "paired comparison WITHOUT idx_predictions_pairing (V20)",
          Math.max(5, runs / 3),
          () -> a.comparisons().compare(pair[0], pair[1], null));
      long ti = System.nanoTime();
      dsl.execute(
          "CREATE INDEX idx_predictions_pairing ON predictions (task_id, sample_id, filter)"
              + " INCLUDE (correct, prompt_hash)");
      OUT.printf(
          Locale.ROOT,
          "  rebuilt idx_predictions_pairing on 5M rows: %.1f s%n",
          (System.nanoTime() - ti) / 1e9);
      time(
          "paired comparison with the index again",
          Math.max(5, runs / 3),
          () -> a.comparisons().compare(pair[0], pair[1], null));
      PredictionPairQuery first = PredictionPairQuery.firstPage(pair[0], pair[1], 100);
      time("prediction pairs: first page of 100", runs, () -> a.predictionPairs().page(first));
      PredictionPairQuery deep =
          new PredictionPairQuery(pair[0], pair[1], null, null, 100, 90_000, "none");
      time("prediction pairs: page after sample 90000", runs, () -> a.predictionPairs().page(deep));
      PredictionPairQuery regressed = first.withOutcome(PairOutcome.REGRESSED);
      time(
          "prediction pairs: regressed, first page",
          runs,
          () -> a.predictionPairs().page(regressed));
      PredictionPairQuery search = first.withSearch("x * 99999");
      time(
          "prediction pairs: text search (rare hit)",
          Math.max(5, runs / 3),
          () -> a.predictionPairs().page(search));

      // The old way: read every legacy session file and compute the same leaderboard.
      long[] bytes = {0};
      int[] files = {0};
      try (Stream<Path> s = Files.list(legacy)) {
        s.forEach(
            p -> {
              files[0]++;
              try {
                bytes[0] += Files.size(p);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
      }
      OUT.printf("legacy folder: %,d session files, %,d bytes%n", files[0], bytes[0]);
      Map<String, double[]> old = legacyLeaderboardStreaming(legacy);
      check(lb, old);
      int oldRuns = Math.max(3, runs / 6);
      double[] streaming =
          time(
              "OLD WAY leaderboard: stream-parse all session files",
              oldRuns,
              () -> legacyLeaderboardStreaming(legacy));
      double[] tree =
          time(
              "OLD WAY leaderboard: read each file as a tree (json.load)",
              oldRuns,
              () -> legacyLeaderboardTree(legacy));
      double[] dbLb =
          time(
              "leaderboard pass@1 again (same run)",
              runs,
              () -> a.leaderboards().leaderboard(pass, all));
      OUT.printf(
          Locale.ROOT,
          "speed-up of the database leaderboard (p50): %.0fx over streaming the files, %.0fx over"
              + " tree reading%n",
          streaming[0] / dbLb[0],
          tree[0] / dbLb[0]);
      xlsx(a, dsl, pair[0], dir);
    }
  }

  /**
   * The Launch view's estimate of a 20 models × 19 datasets grid (380 tasks: the old view's limit
   * was 400, at up to three statements a task): one grouped query, beside the same grid asked cell
   * by cell (one statement a cell) in the same run.
   */
  static void estimates(Analytics a, int runs) throws Exception {
    var choices = a.choices().all();
    List<String> models = choices.models().subList(0, Math.min(20, choices.models().size()));
    List<String> datasets = choices.datasets();
    int known = a.estimates().estimates(models, datasets, "balanced", null).size();
    OUT.printf(
        "  estimate grid: %d models x %d datasets, %d cells with history%n",
        models.size(), datasets.size(), known);
    time(
        "launch estimate, 20x19 grid, one grouped query",
        runs,
        () -> a.estimates().estimates(models, datasets, "balanced", null));
    time(
        "launch estimate, 20x19 grid, cell by cell (380 queries)",
        Math.max(3, runs / 4),
        () -> {
          int n = 0;
          for (String m : models) {
            for (String d : datasets) {
              n += a.estimates().estimates(List.of(m), List.of(d), "balanced", null).size();
            }
          }
          return n;
        });
  }

  /** Prints EXPLAIN (ANALYZE, BUFFERS) of every statement the main queries issue. */
  static void explain(DSLContext dsl, long[] pair) {
    List<String> sql = new ArrayList<>();
    DSLContext recording =
        org.jooq.impl.DSL.using(
            dsl.configuration()
                .derive(
                    new org.jooq.impl.DefaultExecuteListenerProvider(
                        new org.jooq.ExecuteListener() {
                          @Override
                          public void executeStart(org.jooq.ExecuteContext ctx) {
                            if (ctx.query() != null) {
                              sql.add(dsl.renderInlined(ctx.query()));
                            }
                          }
                        })));
    Analytics a = new Analytics(recording);
    a.leaderboards().leaderboard(MetricSelector.parse("pass@1"), ResultFilter.all());
    a.pivots().pivot(MetricSelector.parse("acc"), ResultFilter.all());
    a.trends().trends(TimeBucket.DAY, ResultFilter.all(), MetricSelector.parse("acc"));
    a.comparisons().compare(pair[0], pair[1], null);
    a.predictionPairs().page(PredictionPairQuery.firstPage(pair[0], pair[1], 100));
    for (String q : sql) {
      OUT.println("---- " + q);
      for (Object line : dsl.fetchValues("EXPLAIN (ANALYZE, BUFFERS) " + q)) {
        OUT.println("   " + line);
      }
    }
  }

  // ------------------------------------------------------------------ timing

  /**
   * Runs {@code task} 3 times to warm up, then {@code runs} times; prints and returns p50, p95 ms.
   */
  static double[] time(String name, int runs, Callable<?> task) throws Exception {
    for (int i = 0; i < 3; i++) {
      task.call();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      task.call();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    double p50 = ms[(int) Math.ceil(0.50 * runs) - 1];
    double p95 = ms[(int) Math.ceil(0.95 * runs) - 1];
    OUT.printf(Locale.ROOT, "%-58s p50 %9.2f ms  p95 %9.2f ms  (n=%d)%n", name, p50, p95, runs);
    return new double[] {p50, p95};
  }

  /** An .xlsx of the predictions of the session that holds {@code task} (its 100k and the rest). */
  static void xlsx(Analytics a, DSLContext dsl, long task, Path dir) throws IOException {
    long session =
        dsl.fetchSingle("select session_id from evaluation_tasks where task_id = ?", task)
            .get(0, Long.class);
    Path file = dir.resolve("predictions-100k.xlsx");
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
        heap.add(p);
      }
    }
    long t0 = System.nanoTime();
    long rows;
    try (XlsxExport x =
        new XlsxExport(
            new ExportInfo(
                "predictions of session " + session, null, "bench", Instant.now(), null))) {
      rows =
          x.predictions(
              "Predictions", sink -> a.sessionExports().forEachSessionPrediction(session, sink));
      x.writeTo(file);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : heap) {
      peak += p.getPeakUsage().getUsed();
    }
    OUT.printf(
        Locale.ROOT,
        "xlsx of %,d prediction rows: %.2f s, file %,d bytes, peak heap (sum of pool peaks) %d MB at"
            + " -Xmx%dm%n",
        rows,
        s,
        Files.size(file),
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  // ------------------------------------------------------------------ generation

  static void generate(DSLContext dsl) {
    long t0 = System.nanoTime();
    OUT.println("generating the corpus in PostgreSQL …");
    dsl.execute(
        """
        INSERT INTO models (model_name, model_family, parameter_count, specialization, backend)
        SELECT f || '_' || s, f, (regexp_replace(s, 'b$', '')::bigint) * 1000000000,
               (ARRAY['general', 'code', 'math'])[1 + (fi * 5 + si) % 3], 'vllm'
        FROM unnest(ARRAY['qwen3', 'llama3', 'mistral', 'gemma2', 'deepseek', 'phi3', 'olmo2',
                          'granite']) WITH ORDINALITY AS ff(f, fi)
        CROSS JOIN unnest(ARRAY['1b', '8b', '14b', '32b', '70b']) WITH ORDINALITY AS ss(s, si)
        """);
    dsl.execute(
        """
        INSERT INTO datasets (dataset_name, task_type, category, sample_count) VALUES
          ('humaneval', 'code_generation', 'coding', 164),
          ('mbpp', 'code_generation', 'coding', 500),
          ('bigcodebench', 'code_generation', 'coding', 1140),
          ('ds1000', 'code_generation', 'coding', 1000),
          ('gsm8k', 'math_reasoning', 'math', 1319),
          ('minerva_math', 'math_reasoning', 'math', 5000),
          ('mmlu', 'multiple_choice', 'knowledge', 14042),
          ('arc_challenge', 'multiple_choice', 'reasoning', 1172),
          ('arc_easy', 'multiple_choice', 'reasoning', 2376),
          ('hellaswag', 'multiple_choice', 'reasoning', 10042),
          ('winogrande', 'multiple_choice', 'reasoning', 1267),
          ('piqa', 'multiple_choice', 'reasoning', 1838),
          ('truthfulqa_mc2', 'multiple_choice', 'knowledge', 817),
          ('boolq', 'multiple_choice', 'reading', 3270),
          ('triviaqa', 'generation', 'knowledge', 17944),
          ('wikitext', 'perplexity', 'language_modeling', 62),
          ('lambada_openai', 'perplexity', 'language_modeling', 5153),
          ('ifeval', 'instruction_following', 'instruction', 541),
          ('synthetic_pairs', 'multiple_choice', 'knowledge', 100000)
        """);
    dsl.execute(
        """
        INSERT INTO evaluation_sessions (session_key, source_kind, source_identity, category, status,
                                         cluster, node_name, gpu_type, start_time, end_time, provenance)
        SELECT 'bench_' || lpad(i::text, 4, '0'), 'legacy', 'bench/' || i,
               (ARRAY['coding_specialists', 'general_eval', 'math_eval'])[1 + i % 3], 'completed',
               'hpc', 'gpu-h100-' || lpad((i % 64)::text, 3, '0'), 'H100',
               timestamptz '2025-03-01 00:00:00+00' + i * interval '4 hours 17 minutes',
               timestamptz '2025-03-01 00:00:00+00' + i * interval '4 hours 17 minutes'
                 + interval '4 hours',
               jsonb_build_object('gpus', (ARRAY[1, 2, 4, 8])[1 + i % 4])
        FROM generate_series(1, 1000) AS g(i)
        """);
    // Ten tasks per session: model and dataset from hashes (deterministic), 95% completed.
    dsl.execute(
        """
        WITH m AS (SELECT array_agg(model_id ORDER BY model_id) AS ids FROM models),
             d AS (SELECT array_agg(dataset_id ORDER BY dataset_id) AS ids FROM datasets
                   WHERE dataset_name <> 'synthetic_pairs')
        INSERT INTO evaluation_tasks (session_id, task_index, model_id, dataset_id, preset, sample_limit,
                                      status, failure_cause, start_time, end_time, samples_total)
        SELECT s.session_id, k,
               m.ids[1 + abs(hashtext('m' || s.session_id || '/' || k)) % 40],
               d.ids[1 + abs(hashtext('d' || s.session_id || '/' || k)) % 18],
               (ARRAY['balanced', 'fast', 'thorough'])[1 + abs(hashtext('p' || s.session_id || k)) % 3],
               NULL,
               CASE WHEN abs(hashtext('st' || s.session_id || '/' || k)) % 100 < 95 THEN 'completed'
                    WHEN abs(hashtext('st' || s.session_id || '/' || k)) % 100 < 99 THEN 'failed'
                    ELSE 'cancelled' END,
               CASE WHEN abs(hashtext('st' || s.session_id || '/' || k)) % 100 BETWEEN 95 AND 98
                    THEN 'OUT_OF_MEMORY' END,
               s.start_time + k * interval '22 minutes',
               s.start_time + k * interval '22 minutes'
                 + (5 + abs(hashtext('t' || s.session_id || '/' || k)) % 16) * interval '1 minute',
               NULL
        FROM evaluation_sessions s CROSS JOIN generate_series(0, 9) AS g(k) CROSS JOIN m CROSS JOIN d
        """);
    dsl.execute(
        """
        INSERT INTO evaluation_results (task_id, samples_processed, evaluation_metrics,
                                        average_execution_time)
        SELECT t.task_id, ds.sample_count, '{}'::jsonb,
               round((0.2 + (abs(hashtext('x' || t.task_id)) % 300) / 100.0)::numeric, 3)::float8
        FROM evaluation_tasks t JOIN datasets ds USING (dataset_id) WHERE t.status = 'completed'
        """);
    // Metric values: model skill minus dataset difficulty plus noise, in [0.01, 0.99].
    dsl.execute(
        """
        WITH base AS (
          SELECT t.task_id, ds.category, ds.dataset_name, ds.sample_count,
                 least(0.99, greatest(0.01,
                   0.35 + 0.55 * ((t.model_id * 37) % 100) / 100.0
                   - 0.25 * ((t.dataset_id * 53) % 100) / 100.0
                   + ((abs(hashtext('v' || t.task_id)) % 1000) - 500) / 25000.0)) AS v
          FROM evaluation_tasks t JOIN datasets ds USING (dataset_id) WHERE t.status = 'completed')
        INSERT INTO task_metrics (task_id, metric, filter, value, stderr)
        SELECT task_id, metric, filter, value, stderr FROM (
          SELECT task_id, 'pass_at_1' AS metric, 'none' AS filter, v AS value,
                 sqrt(v * (1 - v) / sample_count) AS stderr FROM base WHERE category = 'coding'
          UNION ALL
          SELECT task_id, 'exact_match', 'strict-match', v, sqrt(v * (1 - v) / sample_count)
            FROM base WHERE category = 'math'
          UNION ALL
          SELECT task_id, 'exact_match', 'flexible-extract', least(0.99, v + 0.03),
                 sqrt(v * (1 - v) / sample_count) FROM base WHERE category = 'math'
          UNION ALL
          SELECT task_id, 'acc', 'none', v, sqrt(v * (1 - v) / sample_count)
            FROM base WHERE category IN ('knowledge', 'reasoning', 'reading')
          UNION ALL
          SELECT task_id, 'acc_norm', 'none', least(0.99, v + 0.02), sqrt(v * (1 - v) / sample_count)
            FROM base WHERE category IN ('knowledge', 'reasoning', 'reading')
          UNION ALL
          SELECT task_id, 'perplexity', 'none', 4 + 30 * (1 - v), NULL
            FROM base WHERE category = 'language_modeling'
          UNION ALL
          SELECT task_id, 'prompt_level_strict_acc', 'none', v, sqrt(v * (1 - v) / sample_count)
            FROM base WHERE category = 'instruction') x
        """);
    // The two 100,000-sample tasks of the paired comparison, in a session of their own.
    dsl.execute(
        """
        WITH s AS (
          INSERT INTO evaluation_sessions (session_key, source_kind, source_identity, status,
                                           start_time, end_time, provenance)
          VALUES ('bench_pair', 'legacy', 'bench/pair', 'completed',
                  timestamptz '2025-09-19 04:00:00+00', timestamptz '2025-09-19 10:00:00+00',
                  '{"gpus": 1}')
          RETURNING session_id)
        INSERT INTO evaluation_tasks (session_id, task_index, model_id, dataset_id, preset, status,
                                      start_time, end_time, provenance)
        SELECT s.session_id, k,
               (SELECT model_id FROM models WHERE model_name = (ARRAY['qwen3_8b', 'llama3_8b'])[k + 1]),
               (SELECT dataset_id FROM datasets WHERE dataset_name = 'synthetic_pairs'), 'balanced',
               'completed', timestamptz '2025-09-19 04:00:00+00' + k * interval '3 hours',
               timestamptz '2025-09-19 06:30:00+00' + k * interval '3 hours', '{"n_shot": 5}'
        FROM s CROSS JOIN generate_series(0, 1) AS g(k)
        """);
    dsl.execute(
        """
        INSERT INTO evaluation_results (task_id, samples_processed, average_execution_time)
        SELECT t.task_id, 100000, 0.09 FROM evaluation_tasks t
        JOIN evaluation_sessions s USING (session_id) WHERE s.session_key = 'bench_pair'
        """);
    OUT.printf(
        Locale.ROOT,
        "  registry, sessions, tasks, results, metrics: %.1f s%n",
        (System.nanoTime() - t0) / 1e9);

    // Predictions: drop the secondary indexes, bulk insert, rebuild (as a bulk import would).
    long t1 = System.nanoTime();
    dsl.execute("ALTER TABLE predictions DROP CONSTRAINT predictions_task_sample_uk");
    dsl.execute("DROP INDEX idx_predictions_task");
    dsl.execute("DROP INDEX idx_predictions_prompt_hash");
    long[] pair = pairTasks(dsl);
    for (int k = 0; k < 2; k++) {
      // A is right on 62% of samples; B differs from A on 12% (more often fixing than breaking).
      dsl.execute(
          """
          INSERT INTO predictions (task_id, sample_id, filter, prompt_hash, prompt, prediction,
                                   ground_truth, correct, execution_time)
          SELECT {0}, i, 'none', md5('synthetic_pairs/' || i),
                 'Question ' || i || ': which option is right? A) x * ' || i || ' B) y C) z D) w',
                 'The answer is ' || (ARRAY['A', 'B', 'C', 'D'])[1 + abs(hashtext({1} || i)) % 4]
                   || ' because x * ' || i,
                 'A',
                 CASE WHEN {0} = {2} THEN abs(hashtext('a' || i)) % 100 < 62
                      ELSE (abs(hashtext('a' || i)) % 100 < 62)
                           <> (abs(hashtext('b' || i)) % 100 < CASE WHEN abs(hashtext('a' || i)) % 100 < 62
                                                                    THEN 8 ELSE 20 END) END,
                 0.05 + (abs(hashtext('e' || i)) % 100) / 1000.0
          FROM generate_series(0, 99999) AS g(i)
          """,
          org.jooq.impl.DSL.inline(pair[k]),
          org.jooq.impl.DSL.inline(k == 0 ? "a" : "b"),
          org.jooq.impl.DSL.inline(pair[0]));
    }
    long rest = PREDICTIONS - 2L * PAIR_SAMPLES;
    int completed =
        ((Number)
                dsl.fetchValue(
                    "SELECT count(*)::int FROM evaluation_tasks t JOIN evaluation_sessions s"
                        + " USING (session_id) WHERE t.status = 'completed'"
                        + " AND s.session_key <> 'bench_pair'"))
            .intValue();
    long per = rest / completed;
    long extra = rest % completed;
    int chunks = 10;
    int step = (completed + chunks - 1) / chunks;
    for (int c = 0; c < chunks; c++) {
      dsl.execute(
          """
          WITH t AS (
            SELECT t.task_id, t.dataset_id, row_number() OVER (ORDER BY t.task_id) AS rn
            FROM evaluation_tasks t JOIN evaluation_sessions s USING (session_id)
            WHERE t.status = 'completed' AND s.session_key <> 'bench_pair')
          INSERT INTO predictions (task_id, sample_id, filter, prompt_hash, prediction, ground_truth,
                                   correct, execution_time)
          SELECT t.task_id, i, 'none', md5(t.dataset_id || '/' || i),
                 'def solution(x):\n    return x * ' || i || '  # ' || t.task_id,
                 'return x * ' || i,
                 abs(hashtext(t.task_id || '/' || i)) % 100 < 60,
                 0.1 + (abs(hashtext('e' || t.task_id || '/' || i)) % 3000) / 1000.0
          FROM t CROSS JOIN LATERAL generate_series(0, {0} - 1 + CASE WHEN t.rn <= {1} THEN 1 ELSE 0 END) AS g(i)
          WHERE t.rn > {2} AND t.rn <= {3}
          """,
          org.jooq.impl.DSL.inline(per),
          org.jooq.impl.DSL.inline(extra),
          org.jooq.impl.DSL.inline((long) c * step),
          org.jooq.impl.DSL.inline((long) (c + 1) * step));
      OUT.printf(
          Locale.ROOT,
          "  predictions chunk %d/%d: %.0f s%n",
          c + 1,
          chunks,
          (System.nanoTime() - t1) / 1e9);
    }
    dsl.execute(
        "ALTER TABLE predictions ADD CONSTRAINT predictions_task_sample_uk UNIQUE (task_id, sample_id, filter)");
    dsl.execute("CREATE INDEX idx_predictions_task ON predictions (task_id)");
    dsl.execute("CREATE INDEX idx_predictions_prompt_hash ON predictions (task_id, prompt_hash)");
    dsl.execute("VACUUM ANALYZE");
    OUT.printf(
        Locale.ROOT,
        "  predictions, indexes, vacuum analyze: %.1f s%n",
        (System.nanoTime() - t1) / 1e9);
  }

  static long[] pairTasks(DSLContext dsl) {
    List<Long> ids =
        dsl
            .fetchValues(
                "SELECT t.task_id FROM evaluation_tasks t JOIN evaluation_sessions s USING (session_id)"
                    + " WHERE s.session_key = 'bench_pair' ORDER BY t.task_index")
            .stream()
            .map(o -> ((Number) o).longValue())
            .toList();
    return new long[] {ids.get(0), ids.get(1)};
  }

  // ------------------------------------------------------------------ legacy files

  /** One evaluation_session_*.json per session: tasks with results, GPU samples every 60 s. */
  static void writeLegacy(DSLContext dsl, Path dir) throws IOException {
    long t0 = System.nanoTime();
    Path tmp = dir.resolveSibling(dir.getFileName() + ".part");
    Files.createDirectories(tmp);
    ObjectMapper om = new ObjectMapper();
    JsonFactory jf = om.getFactory();
    Map<Long, List<Record>> tasksBySession = new HashMap<>();
    for (Record r :
        dsl.fetch(
            """
            SELECT t.session_id, t.task_index, m.model_name, m.model_family, m.parameter_count,
                   m.specialization, d.dataset_name, d.task_type, d.category AS dcat, d.sample_count,
                   t.preset, t.status, t.start_time, t.end_time, t.failure_cause,
                   r.samples_processed, r.average_execution_time,
                   (SELECT jsonb_object_agg(CASE WHEN tm.filter = 'none' THEN tm.metric
                                                 ELSE tm.metric || ',' || tm.filter END, tm.value)
                      FROM task_metrics tm WHERE tm.task_id = t.task_id) AS metrics
            FROM evaluation_tasks t JOIN models m USING (model_id) JOIN datasets d USING (dataset_id)
            LEFT JOIN evaluation_results r USING (task_id)
            ORDER BY t.session_id, t.task_index
            """)) {
      tasksBySession
          .computeIfAbsent(r.get("session_id", Long.class), k -> new ArrayList<>())
          .add(r);
    }
    for (Record s :
        dsl.fetch(
            "SELECT session_id, session_key, category, start_time, end_time, node_name, gpu_type"
                + " FROM evaluation_sessions WHERE session_key <> 'bench_pair'")) {
      String key = s.get("session_key", String.class).replace("bench_", "20250301_");
      List<Record> tasks = tasksBySession.getOrDefault(s.get("session_id", Long.class), List.of());
      Path file = tmp.resolve("evaluation_session_" + key + ".json");
      try (JsonGenerator g = jf.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeStringField("session_id", key);
        g.writeStringField("category", s.get("category", String.class));
        g.writeStringField("start_time", iso(s.get("start_time", OffsetDateTime.class)));
        g.writeStringField("end_time", iso(s.get("end_time", OffsetDateTime.class)));
        g.writeStringField("status", "completed");
        g.writeStringField("node_name", s.get("node_name", String.class));
        g.writeStringField("gpu_type", s.get("gpu_type", String.class));
        g.writeNumberField("total_tasks", tasks.size());
        g.writeNumberField(
            "success_count",
            (int) tasks.stream().filter(t -> "completed".equals(t.get("status"))).count());
        g.writeObjectFieldStart("models");
        Map<String, Record> models = new java.util.LinkedHashMap<>();
        Map<String, Record> datasets = new java.util.LinkedHashMap<>();
        for (Record t : tasks) {
          models.putIfAbsent(t.get("model_name", String.class), t);
          datasets.putIfAbsent(t.get("dataset_name", String.class), t);
        }
        for (Record t : models.values()) {
          g.writeObjectFieldStart(t.get("model_name", String.class));
          g.writeStringField("model_family", t.get("model_family", String.class));
          g.writeNumberField("parameter_count", t.get("parameter_count", Long.class));
          g.writeStringField("specialization", t.get("specialization", String.class));
          g.writeStringField("backend", "vllm");
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("datasets");
        for (Record t : datasets.values()) {
          g.writeObjectFieldStart(t.get("dataset_name", String.class));
          g.writeStringField("task_type", t.get("task_type", String.class));
          g.writeStringField("category", t.get("dcat", String.class));
          g.writeNumberField("sample_count", t.get("sample_count", Integer.class));
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("tasks");
        for (Record t : tasks) {
          g.writeStartObject();
          g.writeNumberField("task_index", t.get("task_index", Integer.class) + 1);
          g.writeStringField("model_name", t.get("model_name", String.class));
          g.writeStringField("dataset_name", t.get("dataset_name", String.class));
          g.writeStringField("preset", t.get("preset", String.class));
          g.writeStringField("start_time", iso(t.get("start_time", OffsetDateTime.class)));
          g.writeStringField("end_time", iso(t.get("end_time", OffsetDateTime.class)));
          boolean ok = "completed".equals(t.get("status"));
          g.writeBooleanField("success", ok);
          if (ok) {
            g.writeNullField("error_message");
            g.writeObjectFieldStart("results");
            g.writeNumberField("samples_processed", t.get("samples_processed", Integer.class));
            g.writeFieldName("evaluation_metrics");
            Object metrics = t.get("metrics");
            g.writeTree(om.readTree(metrics == null ? "{}" : metrics.toString()));
            g.writeNumberField(
                "average_execution_time", t.get("average_execution_time", Double.class));
            g.writeEndObject();
            g.writeStringField(
                "predictions_file",
                "predictions_"
                    + key
                    + "_task"
                    + (t.get("task_index", Integer.class) + 1)
                    + ".json");
          } else {
            g.writeStringField("error_message", "CUDA out of memory. Tried to allocate 2.00 GiB");
            g.writeNullField("results");
          }
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("performance_metrics");
        OffsetDateTime st = s.get("start_time", OffsetDateTime.class);
        for (int i = 0; i < 240; i++) { // 4 hours, one sample a minute
          g.writeStartObject();
          g.writeStringField("timestamp", iso(st.plusMinutes(i)));
          g.writeNumberField("gpu_utilization", 60 + (i * 7919 % 400) / 10.0);
          g.writeNumberField("memory_usage", 40 + (i * 104729 % 500) / 10.0);
          g.writeNumberField("throughput", 5 + (i * 31 % 200) / 10.0);
          g.writeStringField("node_name", s.get("node_name", String.class));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    }
    Files.move(tmp, dir);
    OUT.printf(
        Locale.ROOT, "  legacy session files written: %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
  }

  /**
   * The leaderboard as the file-based pipeline computed it: open every session file, stream through
   * it, and aggregate pass@1 of successful tasks per model (n, sum, sum of squares, sum of response
   * times). Returns model → {n, mean, sd, response}.
   */
  static Map<String, double[]> legacyLeaderboardStreaming(Path dir) throws IOException {
    JsonFactory jf = new JsonFactory();
    Map<String, double[]> acc = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f);
          JsonParser p = jf.createParser(in)) {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (!field.equals("tasks")) {
            p.skipChildren();
            continue;
          }
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String model = null;
            boolean success = false;
            Double value = null;
            Double response = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String tf = p.currentName();
              p.nextToken();
              switch (tf) {
                case "model_name" -> model = p.getText();
                case "success" -> success = p.getValueAsBoolean();
                case "results" -> {
                  if (p.currentToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                      String rf = p.currentName();
                      p.nextToken();
                      if (rf.equals("evaluation_metrics")) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                          String mf = p.currentName();
                          p.nextToken();
                          if (mf.equals("pass_at_1") || mf.equals("pass@1")) {
                            value = p.getValueAsDouble();
                          }
                        }
                      } else if (rf.equals("average_execution_time")) {
                        response = p.getValueAsDouble();
                      } else {
                        p.skipChildren();
                      }
                    }
                  }
                }
                default -> p.skipChildren();
              }
            }
            if (success && value != null && !value.isNaN()) {
              double[] a = acc.computeIfAbsent(model, k -> new double[4]);
              a[0]++;
              a[1] += value;
              a[2] += value * value;
              a[3] += response == null ? 0 : response;
            }
          }
        }
      }
    }
    return finish(acc);
  }

  /** The same, reading each file whole into a tree first (what {@code json.load} does). */
  static Map<String, double[]> legacyLeaderboardTree(Path dir) throws IOException {
    ObjectMapper om = new ObjectMapper();
    Map<String, double[]> acc = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      JsonNode root = om.readTree(f.toFile());
      for (JsonNode t : root.path("tasks")) {
        JsonNode v = t.path("results").path("evaluation_metrics").path("pass_at_1");
        if (t.path("success").asBoolean() && v.isNumber()) {
          double[] a = acc.computeIfAbsent(t.path("model_name").asText(), k -> new double[4]);
          a[0]++;
          a[1] += v.asDouble();
          a[2] += v.asDouble() * v.asDouble();
          a[3] += t.path("results").path("average_execution_time").asDouble();
        }
      }
    }
    return finish(acc);
  }

  private static Map<String, double[]> finish(Map<String, double[]> acc) {
    Map<String, double[]> out = new TreeMap<>();
    acc.forEach(
        (m, a) -> {
          double n = a[0];
          double mean = a[1] / n;
          double sd =
              n > 1 ? Math.sqrt(Math.max(0, (a[2] - n * mean * mean) / (n - 1))) : Double.NaN;
          out.put(m, new double[] {n, mean, sd, a[3] / n});
        });
    // Ranking: sort by mean descending (competition rank); done to match the work of the query.
    List<Map.Entry<String, double[]>> sorted = new ArrayList<>(out.entrySet());
    sorted.sort((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1]));
    return out;
  }

  /** The two ways must agree: same models, counts and means. */
  static void check(Leaderboard lb, Map<String, double[]> old) {
    if (lb.rows().size() != old.size()) {
      throw new IllegalStateException(
          "leaderboards differ: database " + lb.rows().size() + " models, files " + old.size());
    }
    for (LeaderboardRow r : lb.rows()) {
      double[] o = old.get(r.model());
      if (o == null
          || o[0] != r.evaluations()
          || Math.abs(o[1] - r.mean()) > 1e-9
          || Math.abs(o[3] - r.avgResponseTime()) > 1e-9) {
        throw new IllegalStateException("leaderboards differ for " + r.model());
      }
    }
    OUT.printf("check: database and file leaderboards agree on %d models%n", lb.rows().size());
  }
}
