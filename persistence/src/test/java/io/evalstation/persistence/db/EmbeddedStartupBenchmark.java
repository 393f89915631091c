package io.evalstation.persistence.db;

import io.evalstation.persistence.config.AppDirectories;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long the desktop app waits for its embedded database: cold (binaries unpacked, cluster
 * initialised, migrated), first start of a new data directory, and warm (an existing data
 * directory: start + connect + schema check), beside the embedded server started alone on the same
 * binaries and data directory, measured in the same run.
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
    // without Evalstation's crash check, pool, migrations check and first query.
    List<Double> raw = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dirs.embeddedDatabase())
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(runtime.toFile())
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .start();
      raw.add(seconds(t));
      pg.close();
    }

    System.out.printf(
        Locale.ROOT, "cold start (unpack + initdb + start + migrate): %.2f s%n", cold);
    System.out.printf(
        Locale.ROOT,
        "warm start, Evalstation (start + pool + schema check + first query): %s%n",
        summary(warm));
    System.out.printf(
        Locale.ROOT, "warm start, embedded server alone (reference): %s%n", summary(raw));
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
