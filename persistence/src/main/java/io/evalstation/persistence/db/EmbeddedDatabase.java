package io.evalstation.persistence.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * {@code full_page_writes} on, unlike the embedded server's test defaults). The first Evalstation
 * process on a data directory owns the server; others (the command line while the app is open)
 * attach to it. A server left running by a killed owner is shut down before a new one starts; a
 * stale lock file is removed.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** The database Evalstation keeps its tables in. */
  public static final String DATABASE = "evalstation";

  /** The embedded server's superuser. */
  public static final String USER = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
  private static final Duration ATTACH_WAIT = Duration.ofSeconds(90);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final int port;
  private final FileChannel ownerChannel;

  private EmbeddedDatabase(
      EmbeddedPostgres postgres, Path dataDirectory, int port, FileChannel ownerChannel) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.ownerChannel = ownerChannel;
  }

  /**
   * Starts the server on {@code dataDirectory} (created and initialised on first use), with its
   * binaries unpacked under {@code runtimeDirectory} — or, when another Evalstation process on this
   * machine already runs it (the desktop app while {@code evalstation db info} runs), attaches to
   * that server instead. The process that started the server owns it (an OS file lock beside the
   * data directory, released even when the process is killed) and stops it on close; a server whose
   * owner died is shut down and started afresh.
   */
  public static EmbeddedDatabase start(Path dataDirectory, Path runtimeDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      Files.createDirectories(runtimeDirectory);
      Path ownerFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".owner");
      FileChannel owner =
          FileChannel.open(ownerFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = owner.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // this very JVM already owns it (a second open in one process)
      } catch (IOException | RuntimeException e) {
        owner.close();
        throw e;
      }
      if (lock == null) {
        owner.close();
        return attach(dataDirectory);
      }
      try {
        return startOwned(dataDirectory, runtimeDirectory, owner);
      } catch (IOException | RuntimeException e) {
        owner.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  private static EmbeddedDatabase startOwned(
      Path dataDirectory, Path runtimeDirectory, FileChannel owner) throws IOException {
    // We own the data directory: a server still running on it belongs to a process that died.
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
    EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDirectory, pg.getPort(), owner);
    db.createDatabaseIfMissing();
    LOG.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDirectory);
    return db;
  }

  /** Connects to the server another Evalstation process runs on the same data directory. */
  private static EmbeddedDatabase attach(Path dataDirectory) throws IOException {
    long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
    String lastProblem = "no postmaster.pid yet";
    while (System.nanoTime() < deadline) {
      Optional<Integer> port = readPort(dataDirectory.resolve("postmaster.pid"));
      if (port.isPresent()) {
        String url = "jdbc:postgresql://localhost:" + port.get() + "/" + DATABASE;
        try (Connection c = DriverManager.getConnection(url, USER, "")) {
          LOG.info(
              "another Evalstation runs the embedded PostgreSQL on {}: attached to port {}",
              dataDirectory,
              port.get());
          return new EmbeddedDatabase(null, dataDirectory, port.get(), null);
        } catch (SQLException e) {
          lastProblem = e.getMessage(); // still starting, or creating the database
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
      }
    }
    throw new IOException(
        "another Evalstation process owns "
            + dataDirectory
            + " but its PostgreSQL did not accept connections within "
            + ATTACH_WAIT.toSeconds()
            + " s ("
            + lastProblem
            + ")");
  }

  /** The JDBC URL of Evalstation's database on this server. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  /** The port the server listens on (localhost only). */
  public int port() {
    return port;
  }

  /** Where the server keeps its data. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** True when this process started the server (and stops it on close). */
  public boolean owned() {
    return postgres != null;
  }

  /** Stops the server cleanly if this process owns it; an attached process only lets go. */
  @Override
  public void close() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
      ownerChannel.close(); // releases the owner lock
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

  /** The port in a running server's postmaster.pid (line 4), once it is written. */
  private static Optional<Integer> readPort(Path pidFile) throws IOException {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.size() < 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(lines.get(3).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
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
