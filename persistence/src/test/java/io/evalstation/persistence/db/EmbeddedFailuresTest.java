package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import io.evalstation.persistence.importer.ImportListener;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.ImportProgress;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.importer.UnitReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's failures, each told plainly and recovered from: a kill during the first
 * {@code initdb} (redone at the next start), a server that dies under an import (noticed within
 * seconds, the unit rolled back), a full disk (said so).
 */
class EmbeddedFailuresTest {
  @TempDir Path dir;

  @Test
  void aKillDuringTheFirstInitdbIsRedoneAtTheNextStart() throws Exception {
    try (Child app = Child.start(dir)) {
      ProcessHandle initdb = awaitProcess("initdb", dir, Duration.ofSeconds(120));
      awaitHalfInitialised(dir.resolve("data"), Duration.ofSeconds(60));
      // The whole process group dies, as with kill -9 of the app and a Ctrl-C reaching initdb.
      app.kill();
      initdb.descendants().forEach(ProcessHandle::destroyForcibly);
      initdb.destroyForcibly();
      assertThat(PgDataDirectory.awaitExit(initdb.pid(), Duration.ofSeconds(30))).isTrue();
    }
    long started = System.nanoTime();
    try (Database db = TestDatabase.open(dir)) {
      db.dsl().execute("insert into models (model_name) values ('after-the-kill')");
      assertThat(db.dsl().resultQuery("select count(*) from models").fetchOne(0, Integer.class))
          .isPositive();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("no wait for a server that cannot start")
        .isLessThan(Duration.ofSeconds(50));
  }

  @Test
  void aDataDirectoryAnOlderVersionLeftHalfInitialisedIsRedone() throws Exception {
    // What a killed initdb left to Evalstation 0.1: the configuration files, no catalog.
    Path pgdata = dir.resolve("data").resolve("postgres");
    Files.createDirectories(pgdata);
    Files.writeString(pgdata.resolve("PG_VERSION"), "17\n");
    Files.writeString(pgdata.resolve("postgresql.conf"), "# written by initdb\n");
    Files.writeString(pgdata.resolve("pg_hba.conf"), "local all all trust\n");
    try (Database db = TestDatabase.open(dir)) {
      assertThat(db.dsl().resultQuery("select 1").fetchOne(0, Integer.class)).isEqualTo(1);
    }
  }

  @Test
  void aServerThatDiesUnderAnImportIsNoticedWithinSecondsAndTheUnitRolledBack() throws Exception {
    Path corpus = dir.resolve("corpus");
    new DemoCorpusGenerator(DemoCorpusGenerator.Options.of(40, 7).withPredictionsPerTask(40))
        .generate(corpus);
    CountDownLatch firstUnit = new CountDownLatch(1);
    AtomicInteger imported = new AtomicInteger();
    ImportListener listener =
        new ImportListener() {
          @Override
          public void progress(ImportProgress p) {}

          @Override
          public void unitDone(UnitReport r) {
            if (r.outcome() == ImportOutcome.IMPORTED) {
              imported.incrementAndGet();
            }
            firstUnit.countDown();
          }
        };
    Database db = TestDatabase.open(dir);
    try {
      CompletableFuture<Object> importing =
          CompletableFuture.supplyAsync(
              () ->
                  new Importer(db, new ImportOptions(ZoneOffset.UTC))
                      .importPaths(List.of(corpus), listener, new AtomicBoolean()));
      assertThat(firstUnit.await(120, TimeUnit.SECONDS)).isTrue();
      long killed = System.nanoTime();
      killServer(dir);
      Throwable failure;
      try {
        importing.get(60, TimeUnit.SECONDS);
        failure = null;
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - killed))
          .as("the import stops soon after the server died")
          .isLessThan(Duration.ofSeconds(30));
      assertThat(failure)
          .as("the import ends with a clear error")
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("embedded PostgreSQL")
          .hasMessageContaining("stopped");
    } finally {
      db.close();
    }
    try (Database again = TestDatabase.open(dir)) {
      assertThat(
              again
                  .dsl()
                  .resultQuery("select count(*) from evaluation_sessions")
                  .fetchOne(0, Integer.class))
          .as("the sessions committed before the crash, and no half of the one under way")
          .isEqualTo(imported.get());
    }
  }

  @Test
  void aFullDiskAtTheFirstStartIsSaidSo() throws Exception {
    Path small = mountTmpfs("20m");
    try {
      Path home = small.resolve("home");
      assertThatThrownBy(() -> TestDatabase.open(home).close())
          .hasMessageContaining("No space left on device");
    } finally {
      unmount(small);
    }
  }

  @Test
  void aDiskThatFillsUnderTheServerIsSaidSo() throws Exception {
    Path small = mountTmpfs("90m");
    try {
      Path home = small.resolve("home");
      try (Database db = TestDatabase.open(home)) {
        db.dsl().execute("create table filler (junk text)");
        assertThatThrownBy(
                () -> {
                  for (int i = 0; i < 1000; i++) {
                    db.dsl()
                        .execute(
                            "insert into filler select string_agg(md5(random()::text || g), '')"
                                + " from generate_series(1, 20000) g");
                  }
                })
            .hasMessageContaining("No space left on device");
      }
    } finally {
      unmount(small);
    }
  }

  private Path mountTmpfs(String size) throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounts a small file system (needs root)");
    Path mount = Files.createDirectories(dir.resolve("small-disk"));
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())
            .inheritIO()
            .start();
    assumeTrue(p.waitFor() == 0, "mount -t tmpfs works here");
    return mount;
  }

  private static void unmount(Path mount) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      if (new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor() == 0) {
        return;
      }
      Thread.sleep(500); // a server still shutting down
    }
  }

  /** Kills the server on the test's data directory and everything it started (SIGKILL). */
  static void killServer(Path dir) throws Exception {
    long pid = EmbeddedSharingTest.serverPid(dir).orElseThrow();
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> children = server.descendants().toList();
    server.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    assertThat(PgDataDirectory.awaitExit(pid, Duration.ofSeconds(30))).isTrue();
  }

  /** Waits until initdb has written its configuration somewhere under {@code data}. */
  static void awaitHalfInitialised(Path data, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(data)) {
        try (var s = Files.walk(data, 2)) {
          if (s.anyMatch(p -> p.getFileName().toString().equals("postgresql.conf"))) {
            return;
          }
        } catch (java.io.UncheckedIOException e) {
          // initdb is creating and renaming files meanwhile: look again
        }
      }
      Thread.sleep(2);
    }
    throw new AssertionError("initdb wrote no postgresql.conf under " + data);
  }

  /** Waits for a process named {@code name} whose arguments mention {@code dir}. */
  static ProcessHandle awaitProcess(String name, Path dir, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String where = dir.toString();
    while (System.nanoTime() < deadline) {
      for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
        ProcessHandle.Info info = p.info();
        boolean named = info.command().map(c -> c.endsWith("/" + name)).orElse(false);
        boolean here = info.arguments().map(a -> String.join(" ", a).contains(where)).orElse(false);
        if (named && here) {
          return p;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + name + " process on " + dir + " within " + timeout);
  }
}
