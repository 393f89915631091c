package io.evalstation.persistence.sample;

import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.SamplePrediction;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Format;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Options;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Summary;
import io.evalstation.persistence.files.demo.SampleProblems;
import io.evalstation.persistence.files.legacy.LegacyDataset;
import io.evalstation.persistence.files.legacy.LegacyFormat;
import io.evalstation.persistence.files.legacy.LegacyModel;
import io.evalstation.persistence.files.legacy.LegacyPredictionsWriter;
import io.evalstation.persistence.files.legacy.LegacyResults;
import io.evalstation.persistence.files.legacy.LegacySession;
import io.evalstation.persistence.files.legacy.LegacySessionWriter;
import io.evalstation.persistence.files.legacy.LegacyTask;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.ImportReport;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.importer.UnitReport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The import benchmark of issue 3 (see BENCHMARKS.md and {@code scripts/import-benchmark.sh}).
 *
 * <ul>
 *   <li>{@code throughput WORK [PREDICTIONS]}: generates a legacy corpus of at least PREDICTIONS
 *       (default 1,000,000) predictions, imports it with the {@link Importer} into a fresh embedded
 *       PostgreSQL, then in the same run dumps the stored prediction rows to a CSV file and {@code
 *       COPY}s that file into an identical empty table (same columns, defaults, indexes,
 *       constraints and foreign key): the raw-COPY reference. Prints predictions/s, MB/s and the
 *       ratio.
 *   <li>{@code heap WORK [MB]}: writes one session whose single predictions file is MB (default
 *       200) megabytes, imports it, and prints the peak heap (pool peaks and after-GC usage). Run
 *       it with {@code -Xmx256m}.
 * </ul>
 */
public final class ImportBenchmark {
  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: ImportBenchmark throughput WORK [PREDICTIONS] | heap WORK [MB]");
    }
    Path work = Path.of(args[1]).toAbsolutePath();
    switch (args[0]) {
      case "throughput" -> throughput(work, args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L);
      case "heap" -> heap(work, args.length > 2 ? Integer.parseInt(args[2]) : 200);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void say(String format, Object... args) {
    // A bench main's report is its output.
    System.out.printf(Locale.ROOT, format + "%n", args);
    System.out.flush();
  }

  private static void clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }

  private static long bytesOf(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      long total = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  static void throughput(Path work, long wanted) throws Exception {
    clean(work);
    Path corpus = work.resolve("corpus");
    int perTask = 1000;
    // About 3.3 tasks with predictions per session (see DemoCorpusGenerator's plans).
    int sessions = (int) Math.max(1, wanted / (perTask * 3L));
    Summary sum;
    long t0;
    while (true) {
      clean(corpus);
      t0 = System.nanoTime();
      sum =
          new DemoCorpusGenerator(
                  new Options(
                      sessions,
                      2026L,
                      Format.LEGACY,
                      perTask,
                      LocalDate.of(2025, 6, 2),
                      12,
                      JsonLayout.PRETTY))
              .generate(corpus);
      if (sum.legacyPredictions() >= wanted) {
        break;
      }
      sessions = (int) (sessions * 1.1 * wanted / Math.max(1, sum.legacyPredictions())) + 1;
    }
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    long bytes = bytesOf(corpus);
    say(
        "corpus: %d sessions, %d tasks, %,d predictions, %.1f MB, generated in %.1f s (%.0f predictions/s)",
        sum.sessions(),
        sum.tasks(),
        sum.legacyPredictions(),
        bytes / 1e6,
        genSeconds,
        sum.legacyPredictions() / genSeconds);

    try (Database db = TestDatabase.open(work.resolve("db"))) {
      db.dsl().execute("checkpoint");
      long i0 = System.nanoTime();
      ImportReport report =
          new Importer(db, new ImportOptions(ZoneOffset.UTC)).importPaths(List.of(corpus));
      double importSeconds = (System.nanoTime() - i0) / 1e9;
      List<UnitReport> bad =
          report.units().stream().filter(u -> u.outcome() != ImportOutcome.IMPORTED).toList();
      if (!bad.isEmpty()) {
        throw new IllegalStateException(
            bad.size()
                + " units not imported, first: "
                + bad.get(0).mainFile()
                + ": "
                + bad.get(0).reason());
      }
      long stored = db.dsl().fetchCount(io.evalstation.persistence.jooq.Tables.PREDICTIONS);
      if (stored != sum.legacyPredictions()) {
        throw new IllegalStateException(
            "stored " + stored + " predictions, generated " + sum.legacyPredictions());
      }
      say(
          "importer: %,d predictions in %.1f s: %.0f predictions/s, %.1f MB/s of legacy files",
          stored, importSeconds, stored / importSeconds, bytes / 1e6 / importSeconds);

      // The reference: the same rows, from a prepared CSV file, into an identical empty table.
      Path csv = work.resolve("predictions.csv");
      String columns =
          "task_id, sample_id, filter, prompt_hash, doc_hash, prompt, prediction,"
              + " filtered_prediction, ground_truth, correct, execution_time, sample_metrics, extra";
      try (Connection c = db.openDedicatedConnection();
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        cm.copyOut(
            "COPY (SELECT "
                + columns
                + " FROM predictions ORDER BY prediction_id)"
                + " TO STDOUT WITH (FORMAT csv)",
            out);
      }
      db.dsl().execute("CREATE TABLE predictions_ref (LIKE predictions INCLUDING ALL)");
      db.dsl()
          .execute(
              "ALTER TABLE predictions_ref ADD CONSTRAINT predictions_ref_task_fk FOREIGN KEY"
                  + " (task_id) REFERENCES evaluation_tasks (task_id) ON DELETE CASCADE"
                  + " DEFERRABLE INITIALLY IMMEDIATE");
      db.dsl().execute("checkpoint");
      long copied;
      long c0 = System.nanoTime();
      try (Connection c = db.openDedicatedConnection();
          InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
        c.setAutoCommit(false);
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        copied =
            cm.copyIn("COPY predictions_ref (" + columns + ") FROM STDIN WITH (FORMAT csv)", in);
        c.commit();
      }
      double copySeconds = (System.nanoTime() - c0) / 1e9;
      say(
          "raw COPY: %,d rows from a %.1f MB CSV in %.1f s: %.0f predictions/s",
          copied, Files.size(csv) / 1e6, copySeconds, copied / copySeconds);
      say(
          "ratio importer / raw COPY (predictions/s): %.2f (goal >= 0.70)",
          (stored / importSeconds) / (copied / copySeconds));
    }
  }

  static void heap(Path work, int megabytes) throws Exception {
    clean(work);
    Path dir = work.resolve("session");
    long target = megabytes * 1_000_000L;
    SampleProblems problems = SampleProblems.load();
    String stamp = "20250919_042241";
    LocalDateTime start = LocalDateTime.of(2025, 9, 19, 4, 22, 41);
    Map<String, LegacyModel> models = new LinkedHashMap<>();
    models.put(
        "qwen3_32b", new LegacyModel("qwen3", 32_762_123_264L, "general", "vllm", null, Map.of()));
    Map<String, LegacyDataset> datasets = new LinkedHashMap<>();
    datasets.put(
        "bigcodebench",
        new LegacyDataset(
            "code_generation", "coding", 1140, "data/bigcodebench.jsonl", null, Map.of()));
    int written = 0;
    try (LegacyPredictionsWriter pw =
        LegacyPredictionsWriter.create(
            dir, stamp, 1, "qwen3_32b", "bigcodebench", Map.of(), JsonLayout.PRETTY)) {
      List<SampleProblems.Problem> code = problems.code();
      long approx = 0;
      while (approx < target) {
        SampleProblems.Problem p = code.get(written % code.size());
        String prediction =
            "Here is an implementation:\n\n```python\n" + p.prompt() + p.solution() + "```\n";
        String truth = p.solution();
        pw.write(
            SamplePrediction.of(
                written,
                sha256(p.id() + written),
                prediction,
                truth,
                1.0 + (written % 97) / 50.0,
                written % 3 != 0,
                Map.of()));
        approx += prediction.length() + truth.length() + 220;
        written++;
      }
    }
    try (LegacySessionWriter w =
        LegacySessionWriter.create(
            dir,
            new LegacySession(
                stamp,
                "coding_specialists",
                null,
                start,
                start.plusHours(9),
                "completed",
                4821137L,
                "gpu-h100-017",
                "H100",
                1,
                1,
                null,
                models,
                datasets,
                Map.of()),
            JsonLayout.PRETTY)) {
      w.writeTask(
          LegacyTask.of(
              1,
              "qwen3_32b",
              "bigcodebench",
              "balanced",
              written,
              start,
              start.plusHours(9),
              true,
              null,
              new LegacyResults(written, Map.of("pass_at_1", 0.6667), 1.96, Map.of()),
              LegacyFormat.predictionsFileName(stamp, 1)));
    }
    long fileBytes = Files.size(dir.resolve(LegacyFormat.predictionsFileName(stamp, 1)));
    say(
        "predictions file: %,d predictions, %.1f MB; max heap %d MB",
        written, fileBytes / 1e6, Runtime.getRuntime().maxMemory() >> 20);

    try (Database db = TestDatabase.open(work.resolve("db"))) {
      System.gc();
      AtomicLong maxAfterGc = new AtomicLong();
      List<Runnable> unsubscribe = watchGc(maxAfterGc);
      List<MemoryPoolMXBean> heapPools = new ArrayList<>();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
          heapPools.add(pool);
        }
      }
      long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long i0 = System.nanoTime();
      ImportReport report =
          new Importer(db, new ImportOptions(ZoneOffset.UTC)).importPaths(List.of(dir));
      double seconds = (System.nanoTime() - i0) / 1e9;
      long peakSum = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      unsubscribe.forEach(Runnable::run);
      UnitReport u = report.units().get(0);
      if (u.outcome() != ImportOutcome.IMPORTED) {
        throw new IllegalStateException("import failed: " + u.reason());
      }
      say(
          "imported %,d predictions in %.1f s (%.1f MB/s)",
          u.predictions(), seconds, fileBytes / 1e6 / seconds);
      say("heap before import: %.1f MB used", baseline / 1048576.0);
      say(
          "peak heap during import: %.1f MB (sum of heap pool peaks, an upper bound)",
          peakSum / 1048576.0);
      say(
          "peak heap after GC (live data): %.1f MB; GCs: %s",
          maxAfterGc.get() / 1048576.0, gcCounts());
    }
  }

  private static String gcCounts() {
    StringBuilder b = new StringBuilder();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      b.append(gc.getName()).append('=').append(gc.getCollectionCount()).append(' ');
    }
    return b.toString().trim();
  }

  /** Records the largest heap in use right after any collection (the live set). */
  private static List<Runnable> watchGc(AtomicLong maxAfterGc) {
    List<Runnable> undo = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        javax.management.NotificationListener l =
            (n, h) -> {
              if (!"com.sun.management.gc.notification".equals(n.getType())) {
                return;
              }
              CompositeData info = (CompositeData) n.getUserData();
              CompositeData gcInfo = (CompositeData) info.get("gcInfo");
              @SuppressWarnings("unchecked")
              var after = (javax.management.openmbean.TabularData) gcInfo.get("memoryUsageAfterGc");
              long used = 0;
              for (Object row : after.values()) {
                CompositeData r = (CompositeData) row;
                String pool = (String) r.get("key");
                MemoryUsage mu = MemoryUsage.from((CompositeData) r.get("value"));
                if (isHeapPool(pool)) {
                  used += mu.getUsed();
                }
              }
              maxAfterGc.accumulateAndGet(used, Math::max);
            };
        emitter.addNotificationListener(l, null, null);
        undo.add(
            () -> {
              try {
                emitter.removeNotificationListener(l);
              } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
              }
            });
      }
    }
    return undo;
  }

  private static boolean isHeapPool(String name) {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals(name)) {
        return pool.getType() == MemoryType.HEAP;
      }
    }
    return false;
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
