package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evalstation.persistence.OtherUser;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL binaries Evalstation runs are its own: unpacked into a private directory that
 * another user cannot write to, and checked before each start, so that a planted {@code pg_ctl}
 * (from the time an older version left the directory world-writable, or changed in place) is never
 * run: the binaries are unpacked afresh instead.
 */
class EmbeddedBinariesTest {
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  @TempDir Path dir;

  private Path runtime() {
    return dir.resolve("cache").resolve("postgres-runtime");
  }

  private EmbeddedDatabase start() {
    return EmbeddedDatabase.start(dir.resolve("data").resolve("postgres"), runtime());
  }

  @Test
  void anotherUserCannotWriteIntoTheBinaries() throws Exception {
    assumeTrue(OtherUser.available(), "runs commands as nobody (needs root)");
    OtherUser.openUpTo(dir);
    try (EmbeddedDatabase db = start()) {
      assertThat(Files.getPosixFilePermissions(runtime()))
          .as("the runtime directory is private")
          .noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
      for (Path p : tree(runtime())) {
        if (!Files.isSymbolicLink(p)) {
          assertThat(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
              .as("%s", p)
              .doesNotContainAnyElementsOf(OTHERS_WRITE);
        }
      }
      assertThat(OtherUser.run("mkdir", runtime().resolve("PG-planted").toString()).exit())
          .isNotZero();
      Path bin = pgCtlOfTheRunningServer().getParent();
      assertThat(bin.startsWith(runtime())).as("%s is in %s", bin, runtime()).isTrue();
      assertThat(OtherUser.run("touch", bin.resolve("planted").toString()).exit()).isNotZero();
      assertThat(OtherUser.run("ls", bin.toString()).exit()).isNotZero();
    }
  }

  @Test
  void aPgCtlPlantedByAnotherUserIsNeverRun() throws Exception {
    Path pgCtl;
    try (EmbeddedDatabase db = start()) {
      pgCtl = pgCtlOfTheRunningServer();
    }
    Path marker = plantPgCtl(pgCtl);
    UserPrincipal nobody =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(pgCtl, nobody);
    // What an older version left: the runtime writable by everyone.
    for (Path p : tree(pgCtl.getParent().getParent().getParent())) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
      }
    }
    try (EmbeddedDatabase db = start()) {
      assertThat(marker).as("the planted pg_ctl ran").doesNotExist();
      assertThat(Files.getOwner(pgCtlOfTheRunningServer()).getName())
          .isEqualTo(System.getProperty("user.name"));
    }
    assertThat(marker).doesNotExist();
  }

  @Test
  void aBinaryChangedInPlaceIsUnpackedAfresh() throws Exception {
    Path pgCtl;
    try (EmbeddedDatabase db = start()) {
      pgCtl = pgCtlOfTheRunningServer();
    }
    Path marker = plantPgCtl(pgCtl); // owner and permissions as before: only its content differs
    try (EmbeddedDatabase db = start()) {
      assertThat(marker).as("the changed pg_ctl ran").doesNotExist();
    }
    assertThat(marker).doesNotExist();
  }

  /** Replaces pg_ctl by a script that leaves a marker and runs the real one. */
  private Path plantPgCtl(Path pgCtl) throws Exception {
    Path real = pgCtl.resolveSibling("pg_ctl.real");
    Files.move(pgCtl, real);
    Path marker = dir.resolve("planted-pg_ctl-ran");
    Files.writeString(pgCtl, "#!/bin/sh\ntouch '" + marker + "'\nexec '" + real + "' \"$@\"\n");
    Files.setPosixFilePermissions(pgCtl, PosixFilePermissions.fromString("rwx------"));
    return marker;
  }

  /** The pg_ctl beside the binary of the server running on the test's data directory. */
  private Path pgCtlOfTheRunningServer() throws Exception {
    long pid = EmbeddedSharingTest.serverPid(dir).orElseThrow();
    String postgres = ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow();
    return Path.of(postgres).resolveSibling("pg_ctl");
  }

  private static List<Path> tree(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.toList();
    }
  }
}
