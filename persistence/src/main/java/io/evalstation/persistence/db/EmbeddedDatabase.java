package io.evalstation.persistence.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 that Evalstation runs when no shared database is configured. Its data
 * directory is kept between runs and it is durable ({@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on, unlike the embedded server's test defaults). A server left running
 * by a killed Evalstation is shut down before the new one starts; a stale lock file is removed.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** The database Evalstation keeps its tables in. */
  public static final String DATABASE = "evalstation";

  /** The embedded server's superuser. */
  public static final String USER = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts the server on {@code dataDirectory} (created and initialised on first use), with its
   * binaries unpacked under {@code runtimeDirectory}.
   */
  public static EmbeddedDatabase start(Path dataDirectory, Path runtimeDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      Files.createDirectories(runtimeDirectory);
      recoverFromCrash(dataDirectory);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(runtimeDirectory.toFile())
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "100")
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(true)
              .start();
      EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDirectory);
      db.createDatabaseIfMissing();
      LOG.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDirectory);
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  /** The JDBC URL of Evalstation's database on this server. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  /** The port the server listens on (localhost only). */
  public int port() {
    return postgres.getPort();
  }

  /** Where the server keeps its data. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server cleanly. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }

  private void createDatabaseIfMissing() throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          try (Statement create = c.createStatement()) {
            // DATABASE is a constant identifier, not user input.
            create.execute("CREATE DATABASE " + DATABASE);
          }
          LOG.info("created database {}", DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  /**
   * A killed Evalstation leaves its server running (or, after a machine crash, a stale {@code
   * postmaster.pid}). A running orphan is asked to shut down; a lock of a process that is not a
   * PostgreSQL server is removed so that the new server can start.
   */
  static void recoverFromCrash(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    Optional<Long> pid = readPid(pidFile);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (process.isPresent() && isPostgres(process.get())) {
      LOG.warn(
          "a PostgreSQL server (pid {}) from an earlier Evalstation still runs on {}: stopping it",
          pid.get(),
          dataDirectory);
      ProcessHandle orphan = process.get();
      orphan.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old app
      if (!waitForExit(orphan, SHUTDOWN_WAIT)) {
        LOG.warn("PostgreSQL (pid {}) ignored the shutdown request; killing it", pid.get());
        orphan.destroyForcibly();
        waitForExit(orphan, SHUTDOWN_WAIT);
      }
      // A forcibly killed server leaves its lock behind; the next start recovers from the WAL.
      Files.deleteIfExists(pidFile);
    } else {
      LOG.warn("removing stale PostgreSQL lock {} (pid {} is not running)", pidFile, pid.get());
      Files.deleteIfExists(pidFile);
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    Optional<String> command = process.info().command();
    // Without access to the command (another user's process), assume it is the server.
    return command.map(c -> c.contains("postgres")).orElse(true);
  }

  private static boolean waitForExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("waiting for PostgreSQL to stop failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Optional<Long> readPid(Path pidFile) throws IOException {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return Optional.of(-1L);
    }
    try {
      return Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return Optional.of(-1L);
    }
  }
}
