package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evalstation.persistence.OtherUser;
import io.evalstation.persistence.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server accepts only the user who runs Evalstation: another local account (nobody,
 * with the data directory's parents open to it as a 0755 home is) can neither connect over TCP nor
 * through the Unix socket, as any role; the app itself is no superuser; a data directory made by an
 * older Evalstation ({@code trust} for everyone) is locked down at its next start.
 */
class EmbeddedLockdownTest {
  @TempDir Path dir;

  @Test
  void anotherUserCannotConnectByTcpOrSocketAsAnyRole() throws Exception {
    assumeTrue(OtherUser.available(), "runs commands as nobody (needs root)");
    OtherUser.openUpTo(dir);
    try (Database db = TestDatabase.open(dir)) {
      assertNobodyGetsIn(dir.resolve("data").resolve("postgres"));
      assertThat(db.dsl().resultQuery("select 1").fetchOne(0, Integer.class)).isEqualTo(1);
    }
  }

  @Test
  void anotherUserFindsNoPasswordInItsFilesNorInAnyProcessArguments() throws Exception {
    assumeTrue(OtherUser.available(), "runs commands as nobody (needs root)");
    OtherUser.openUpTo(dir);
    try (Database db = TestDatabase.open(dir)) {
      Path pgdata = dir.resolve("data").resolve("postgres");
      PgDataDirectory.Passwords passwords =
          new PgDataDirectory(pgdata, null).readPasswords().orElseThrow();
      long server = EmbeddedSharingTest.serverPid(dir).orElseThrow();
      for (String secret : List.of(passwords.app(), passwords.superuser())) {
        // Where it is kept: the search below would find it where it is readable.
        Process root = new ProcessBuilder("grep", "-rlF", "--", secret, dir.toString()).start();
        assertThat(new String(root.getInputStream().readAllBytes()))
            .contains(PgDataDirectory.SECRETS);
        OtherUser.Result nobody =
            OtherUser.run(
                "sh",
                "-c",
                "grep -rlF -- \"$1\" \"$2\" 2>/dev/null; true",
                "sh",
                secret,
                dir.toString());
        assertThat(nobody.output()).as("files nobody can read that hold a password").isBlank();
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
          assertThat(p.info().commandLine().orElse(""))
              .as("arguments of pid %d", p.pid())
              .doesNotContain(secret);
        }
        for (ProcessHandle p :
            java.util.stream.Stream.concat(
                    ProcessHandle.of(server).stream(),
                    ProcessHandle.of(server).orElseThrow().descendants())
                .toList()) {
          Path environ = Path.of("/proc", Long.toString(p.pid()), "environ");
          if (Files.isReadable(environ)) {
            assertThat(new String(Files.readAllBytes(environ))).doesNotContain(secret);
          }
        }
      }
      assertThat(db.dsl().resultQuery("select 1").fetchOne(0, Integer.class)).isEqualTo(1);
    }
  }

  @Test
  void theAppIsNoSuperuserAndCannotRunPrograms() {
    try (Database db = TestDatabase.open(dir)) {
      assertNoSuperuserOwningEveryTable(db);
    }
  }

  @Test
  void aTrustDataDirectoryOfAnOlderEvalstationIsLockedDownAtTheNextStart() throws Exception {
    boolean otherUser = OtherUser.available();
    if (otherUser) {
      OtherUser.openUpTo(dir);
    }
    Path pgdata = dir.resolve("data").resolve("postgres");
    olderVersionsDataDirectory(pgdata, false);
    assertThat(Files.readString(pgdata.resolve("pg_hba.conf"))).contains("trust");

    try (Database db = TestDatabase.open(dir)) {
      assertKeptFromTheOldVersion(db);
      db.dsl().execute("insert into models (model_name) values ('written by the app')");
      assertNoSuperuserOwningEveryTable(db);
      assertThat(hbaRules(pgdata)).noneMatch(l -> l.contains("trust"));
      if (otherUser) {
        assertNobodyGetsIn(pgdata);
      }
    }
  }

  @Test
  void aServerAnOlderEvalstationLeftRunningIsStoppedAndReplaced() throws Exception {
    Path pgdata = dir.resolve("data").resolve("postgres");
    long oldServer = olderVersionsDataDirectory(pgdata, true);
    assertThat(PgDataDirectory.alive(oldServer)).as("the older version's server runs").isTrue();
    try (Database db = TestDatabase.open(dir)) {
      assertThat(PgDataDirectory.alive(oldServer)).as("the older version's server").isFalse();
      assertThat(EmbeddedSharingTest.serverPid(dir)).isPresent().get().isNotEqualTo(oldServer);
      assertKeptFromTheOldVersion(db);
      assertThat(hbaRules(pgdata)).noneMatch(l -> l.contains("trust"));
    }
  }

  /**
   * What Evalstation 0.1 left behind: zonky's initdb (trust for everyone), the database and its
   * tables owned by the superuser postgres, a row of the user's; the server still running when
   * {@code leaveRunning} (its app was killed). Returns the server's pid.
   */
  static long olderVersionsDataDirectory(Path pgdata, boolean leaveRunning) throws Exception {
    Files.createDirectories(pgdata);
    EmbeddedPostgres old =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgdata)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setOverrideWorkingDirectory(pgdata.resolveSibling("old-runtime").toFile())
            .start();
    try (Connection c = old.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database evalstation");
    }
    Flyway.configure()
        .dataSource(old.getDatabase("postgres", "evalstation"))
        .locations("classpath:db/migration")
        .load()
        .migrate();
    try (Connection c = old.getDatabase("postgres", "evalstation").getConnection();
        Statement s = c.createStatement()) {
      s.execute("insert into models (model_name) values ('kept from the old version')");
    }
    long pid = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).trim());
    if (!leaveRunning) {
      old.close();
    }
    return pid;
  }

  static void assertKeptFromTheOldVersion(Database db) {
    assertThat(
            db.dsl()
                .resultQuery(
                    "select count(*) from models where model_name = 'kept from the old version'")
                .fetchOne(0, Integer.class))
        .isEqualTo(1);
  }

  /** The app's role: no superuser, cannot run programs, owns every table of the schema. */
  static void assertNoSuperuserOwningEveryTable(Database db) {
    assertThat(
            db.dsl()
                .resultQuery("select rolsuper from pg_roles where rolname = current_user")
                .fetchOne(0, Boolean.class))
        .isFalse();
    assertThat(
            db.dsl()
                .resultQuery(
                    "select count(*) from pg_tables where schemaname = 'public'"
                        + " and tableowner <> current_user")
                .fetchOne(0, Integer.class))
        .as("the app's role owns every table of the schema")
        .isZero();
    assertThatThrownBy(() -> db.dsl().execute("copy (select 1) to program 'true'"))
        .hasMessageContaining("permission denied");
  }

  /** The effective lines of pg_hba.conf. */
  static List<String> hbaRules(Path pgdata) throws Exception {
    return Files.readAllLines(pgdata.resolve("pg_hba.conf")).stream()
        .map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /** As nobody, psql by TCP and by the server's socket, as each role, with no password. */
  static void assertNobodyGetsIn(Path pgdata) throws Exception {
    List<String> pid = Files.readAllLines(pgdata.resolve("postmaster.pid"));
    String port = pid.get(3).trim();
    String socketDir = pid.size() > 4 ? pid.get(4).trim() : "";
    List<String> hosts =
        socketDir.isEmpty() ? List.of("127.0.0.1", "localhost") : List.of("127.0.0.1", socketDir);
    for (String host : hosts) {
      for (String role : List.of("postgres", "evalstation", "nobody")) {
        OtherUser.Result r =
            OtherUser.run(
                "psql",
                "-h",
                host,
                "-p",
                port,
                "-U",
                role,
                "-d",
                "postgres",
                "-w",
                "-tAc",
                "select 'GOT' || 'IN as ' || current_user");
        assertThat(r.output())
            .as("nobody connecting to %s as %s", host, role)
            .doesNotContain("GOTIN");
        assertThat(r.exit()).as(r.output()).isNotZero();
      }
    }
  }
}
