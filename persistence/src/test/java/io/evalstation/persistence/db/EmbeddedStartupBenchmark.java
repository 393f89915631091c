package io.evalstation.persistence.db;

import io.evalstation.persistence.config.AppDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long the desktop app waits for its embedded database: cold (binaries unpacked, cluster
 * initialised, migrated), first start of a new data directory, and warm (an existing data
 * directory: start + connect + schema check), beside the embedded server started alone on the same
 * binaries and data directory, measured in the same run, and the part of a warm start that checks
 * the binaries.
 *
 * <p>Run: {@code scripts/bench.sh persistence
 * io.evalstation.persistence.db.EmbeddedStartupBenchmark [runs]}
 */
public final class EmbeddedStartupBenchmark {
  private EmbeddedStartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path root = Files.createTempDirectory("evalstation-startup-bench");
    Path runtime = root.resolve("runtime");
    System.setProperty("evalstation.pg.runtime", runtime.toString());
    AppDirectories dirs = new AppDirectories(root.resolve("config"), root.resolve("data"));

    long t0 = System.nanoTime();
    open(dirs).close();
    double cold = seconds(t0);

    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      Database db = open(dirs);
      db.dsl().resultQuery("select count(*) from evaluation_sessions").fetch();
      warm.add(seconds(t));
      db.close();
    }

    // Reference: the embedded server alone (same binaries, same data directory, same settings),
    // started and stopped by pg_ctl, without Evalstation's binaries check, locks, pool,
    // migrations check and first query.
    PgBinaries binaries = PgBinaries.prepare(runtime);
    PgDataDirectory pgdata = new PgDataDirectory(dirs.embeddedDatabase(), binaries);
    List<Double> raw = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      PgDataDirectory.Running r = pgdata.start();
      raw.add(seconds(t));
      pgdata.stop(r);
    }

    // The part of a warm start that checks the binaries: the archive's digest read from the jar,
    // then every unpacked file's SHA-256 against the manifest.
    List<Double> check = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      PgBinaries.prepare(runtime);
      check.add(seconds(t));
    }

    System.out.printf(
        Locale.ROOT, "cold start (unpack + initdb + start + migrate): %.2f s%n", cold);
    System.out.printf(
        Locale.ROOT,
        "warm start, Evalstation (start + pool + schema check + first query): %s%n",
        summary(warm));
    System.out.printf(
        Locale.ROOT, "warm start, embedded server alone (reference): %s%n", summary(raw));
    System.out.printf(
        Locale.ROOT, "of a warm start, checking the binaries (digests): %s%n", summary(check));
  }

  private static Database open(AppDirectories dirs) {
    return Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
  }

  private static String summary(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "median %.2f s, min %.2f s, max %.2f s (n=%d)",
        s.get(s.size() / 2),
        s.get(0),
        s.get(s.size() - 1),
        s.size());
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
