package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several Evalstation processes share one embedded server: none of them dies when another exits,
 * whichever of them started the server, also when they raced to start it on a new data directory.
 */
class EmbeddedSharingTest {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration ANSWER = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aCommandAttachedToTheAppGoesOnWhenTheAppExits() throws Exception {
    try (Child app = Child.start(dir)) {
      assertThat(app.next(START)).isEqualTo("READY");
      try (Database command = TestDatabase.open(dir)) {
        assertThat(app.ask("insert from-the-app", ANSWER)).isEqualTo("OK");
        assertThat(app.ask("close", ANSWER)).isEqualTo("CLOSED");
        assertThat(app.process().waitFor()).isZero();
        command.dsl().execute("insert into models (model_name) values ('after-the-app-left')");
        assertThat(
                command
                    .dsl()
                    .resultQuery("select count(*) from models where model_name like '%app%'")
                    .fetchOne(0, Integer.class))
            .isEqualTo(2);
      }
    }
  }

  @Test
  void theAppGoesOnWhenTheCommandThatStartedTheServerExits() throws Exception {
    Database command = TestDatabase.open(dir);
    try (Child app = Child.start(dir)) {
      assertThat(app.next(START)).isEqualTo("READY");
      command.dsl().execute("insert into models (model_name) values ('from-the-command')");
      command.close();
      assertThat(app.ask("count from-the-command", ANSWER)).isEqualTo("COUNT 1");
      assertThat(app.ask("insert later", ANSWER)).isEqualTo("OK");
      assertThat(app.ask("close", ANSWER)).isEqualTo("CLOSED");
    } finally {
      command.close();
    }
    assertThat(serverPid(dir)).as("the last one out stopped the server").isEmpty();
  }

  @Test
  void twoProcessesRacingToStartANewDataDirectoryBothGoOnWhenEitherExits() throws Exception {
    try (Child first = Child.start(dir);
        Child second = Child.start(dir)) {
      assertThat(first.next(START)).isEqualTo("READY");
      assertThat(second.next(START)).isEqualTo("READY");
      assertThat(first.ask("insert first", ANSWER)).isEqualTo("OK");
      assertThat(second.ask("insert second", ANSWER)).isEqualTo("OK");
      assertThat(first.ask("close", ANSWER)).isEqualTo("CLOSED");
      assertThat(first.process().waitFor()).isZero();
      assertThat(second.ask("count first", ANSWER)).isEqualTo("COUNT 1");
      assertThat(second.ask("close", ANSWER)).isEqualTo("CLOSED");
    }
  }

  /** The pid of a PostgreSQL server running on the test's data directory, if any. */
  static Optional<Long> serverPid(Path dir) throws Exception {
    Path pidFile = dir.resolve("data").resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    long pid = Long.parseLong(lines.get(0).trim());
    return PgDataDirectory.alive(pid) ? Optional.of(pid) : Optional.empty();
  }
}
