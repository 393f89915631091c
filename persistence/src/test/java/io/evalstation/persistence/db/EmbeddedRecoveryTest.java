package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server outlives a killed app (its postmaster keeps running, its lock stays) and the
 * next start recovers: the orphan is stopped, the data is there, and the server is durable.
 */
class EmbeddedRecoveryTest {
  @TempDir Path dir;

  @Test
  void startsAgainAfterTheAppWasKilledAndKeepsCommittedData() throws Exception {
    Process app = startChild();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals("READY"));
      assertThat(line).as("child app started the database").isEqualTo("READY");
    }
    Path pidFile = dir.resolve("data").resolve("postgres").resolve("postmaster.pid");
    long orphanPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive))
        .as("the killed app's PostgreSQL is still running")
        .contains(true);

    try (Database db = TestDatabase.open(dir)) {
      assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
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

  private Process startChild() throws Exception {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            classPath,
            "-Devalstation.pg.runtime=" + System.getProperty("evalstation.pg.runtime", ""),
            EmbeddedCrashChild.class.getName(),
            dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
