package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server outlives a killed app (its postmaster keeps running) and the next start
 * attaches to it with the data intact; the last process out stops it; a stale lock of a dead server
 * is removed.
 */
class EmbeddedRecoveryTest {
  @TempDir Path dir;

  @Test
  void theServerOfAKilledAppServesTheNextStartAndStopsWithIt() throws Exception {
    long orphan;
    try (Child app = Child.start(dir)) {
      assertThat(app.next(Duration.ofSeconds(120))).isEqualTo("READY");
      assertThat(app.ask("insert written-before-the-crash", Duration.ofSeconds(60)))
          .isEqualTo("OK");
      orphan = EmbeddedSharingTest.serverPid(dir).orElseThrow();
      app.kill();
    }
    assertThat(PgDataDirectory.alive(orphan)).as("the killed app's server still runs").isTrue();

    try (Database db = TestDatabase.open(dir)) {
      assertThat(EmbeddedSharingTest.serverPid(dir)).contains(orphan);
      assertThat(
              db.dsl()
                  .resultQuery(
                      "select count(*) from models where model_name = 'written-before-the-crash'")
                  .fetchOne(0, Integer.class))
          .isEqualTo(1);
      assertThat(db.dsl().resultQuery("show fsync").fetchOne(0, String.class)).isEqualTo("on");
      assertThat(db.dsl().resultQuery("show synchronous_commit").fetchOne(0, String.class))
          .isEqualTo("on");
    }
    assertThat(PgDataDirectory.awaitExit(orphan, Duration.ofSeconds(30)))
        .as("the last one out stopped it")
        .isTrue();
  }

  @Test
  void aStaleLockFromADeadServerIsRemoved() throws Exception {
    try (Database db = TestDatabase.open(dir)) {
      db.dsl().execute("insert into models (model_name) values ('kept')");
    }
    Path pidFile = dir.resolve("data").resolve("postgres").resolve("postmaster.pid");
    // A crashed machine leaves a lock naming a process that no longer exists.
    Files.write(pidFile, List.of("999999", dir.toString(), "0", "5432"));
    try (Database db = TestDatabase.open(dir)) {
      assertThat(
              db.dsl()
                  .resultQuery("select count(*) from models where model_name = 'kept'")
                  .fetchOne(0, Integer.class))
          .isEqualTo(1);
    }
  }
}
