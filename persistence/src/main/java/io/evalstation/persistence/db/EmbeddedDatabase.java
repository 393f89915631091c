package io.evalstation.persistence.db;

import io.evalstation.persistence.config.PrivateFiles;
import io.evalstation.persistence.db.PgDataDirectory.Passwords;
import io.evalstation.persistence.db.PgDataDirectory.Running;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 that Evalstation runs when no shared database is configured, locked
 * down for a machine other people log in to: it listens on the loopback interface only, its Unix
 * socket is in a private directory inside the data directory, every connection needs a password
 * ({@code scram-sha-256}; the random passwords are in a 0600 file in the 0700 data directory), the
 * app connects as the role {@value #USER} (no superuser, owner of the database and its tables), its
 * binaries are checked before each start. Its data directory is kept between runs and it is
 * durable.
 *
 * <p>Several Evalstation processes share one server (the desktop app and the commands run beside
 * it). Beside the data directory, {@code postgres.lock} serialises starting and stopping, and every
 * process that uses the server holds a shared lock on {@code postgres.clients} (the OS releases it
 * when a process dies, even by {@code kill -9}). The first process starts the server; later ones
 * attach to it; whoever leaves last stops it. So no process loses its server because another one
 * exited, and a server whose users all died keeps running until the next process attaches to it (it
 * is locked down, so it serves no one else meanwhile) and stops it when done. A server that dies
 * under its users is noticed within a second ({@link #failure()}).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** The database Evalstation keeps its tables in. */
  public static final String DATABASE = "evalstation";

  /** The role the app connects as: no superuser; it owns the database and its tables. */
  public static final String USER = PgDataDirectory.APP_ROLE;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration LOCK_WAIT = Duration.ofMinutes(3);
  private static final Duration READY_WAIT = Duration.ofSeconds(60);
  private static final Duration WATCH_PERIOD = Duration.ofMillis(500);
  private static final Map<Path, Server> SERVERS = new HashMap<>();
  private static boolean exitHookAdded;

  private final Server server;
  private boolean closed;

  private EmbeddedDatabase(Server server) {
    this.server = server;
  }

  /**
   * Starts the server on {@code dataDirectory} (created and initialised on first use), with its
   * binaries unpacked under {@code runtimeDirectory} — or, when another Evalstation process on this
   * machine already runs it, attaches to that server. Either way the server runs until the last
   * process using it closes it.
   */
  public static EmbeddedDatabase start(Path dataDirectory, Path runtimeDirectory) {
    Path pgdata = dataDirectory.toAbsolutePath().normalize();
    synchronized (SERVERS) {
      Server s = SERVERS.get(pgdata);
      if (s != null) {
        if (s.failure != null) {
          throw new DatabaseUnavailableException(s.failure, null);
        }
        s.users++;
        return new EmbeddedDatabase(s);
      }
      try {
        s = Server.open(pgdata, runtimeDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot start the embedded PostgreSQL in " + pgdata + ": " + e.getMessage(), e);
      }
      if (SERVERS.isEmpty() && !exitHookAdded) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(EmbeddedDatabase::releaseAllAtExit, "pg-release"));
        exitHookAdded = true;
      }
      SERVERS.put(pgdata, s);
      return new EmbeddedDatabase(s);
    }
  }

  /** The JDBC URL of Evalstation's database on this server (no password in it). */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.port + "/" + DATABASE;
  }

  /** The port the server listens on (loopback only). */
  public int port() {
    return server.port;
  }

  /** Where the server keeps its data. */
  public Path dataDirectory() {
    return server.dir.path();
  }

  /** True when this process started the server (rather than attaching to a running one). */
  public boolean owned() {
    return server.started;
  }

  /** The app role's password, for connecting; never shown. */
  String password() {
    return server.passwords.app();
  }

  /**
   * Why the server is gone, once it died under its users (noticed within a second), with what its
   * log says (a full disk, say); empty while it runs.
   */
  public Optional<String> failure() {
    return Optional.ofNullable(server.failure);
  }

  /**
   * Waits up to {@code timeout} for the verdict of {@link #failure()} (after a lost connection).
   */
  Optional<String> awaitFailure(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (server.failure == null && System.nanoTime() < deadline) {
      server.checkAlive();
      if (server.failure == null) {
        sleep(Duration.ofMillis(100));
      }
    }
    return failure();
  }

  /** What the server's log says went wrong lately (FATAL, PANIC lines), or "no message". */
  String diagnosis() {
    return server.dir.diagnosis();
  }

  /** Runs {@code listener} once when the server dies (on the watchdog thread). */
  void onFailure(Runnable listener) {
    server.listeners.add(listener);
    if (server.failure != null) {
      listener.run();
    }
  }

  /** Lets go of the server; the last process using it stops it. */
  @Override
  public void close() {
    synchronized (SERVERS) {
      if (closed) {
        return;
      }
      closed = true;
      if (--server.users > 0) {
        return;
      }
      SERVERS.remove(server.dir.path(), server);
      try {
        server.release();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
      }
    }
  }

  /** At exit (also Ctrl-C, SIGTERM): lets go of the servers this JVM still holds. */
  private static void releaseAllAtExit() {
    synchronized (SERVERS) {
      for (Server s : List.copyOf(SERVERS.values())) {
        try {
          s.release();
        } catch (IOException | RuntimeException e) {
          LOG.warn("cannot let go of the embedded PostgreSQL on {}: {}", s.dir, e.getMessage());
        }
      }
      SERVERS.clear();
    }
  }

  /** One server as this JVM uses it, shared by its handles. */
  private static final class Server {
    final PgDataDirectory dir;
    final Path controlFile;
    final FileChannel clients;
    final FileLock clientLock;
    final long pid;
    final int port;
    final Passwords passwords;
    final boolean started;
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    final Thread watchdog;
    volatile String failure;
    volatile boolean releasing;
    int users = 1;

    private Server(
        PgDataDirectory dir,
        Path controlFile,
        FileChannel clients,
        FileLock clientLock,
        Running running,
        Passwords passwords,
        boolean started) {
      this.dir = dir;
      this.controlFile = controlFile;
      this.clients = clients;
      this.clientLock = clientLock;
      this.pid = running.pid();
      this.port = running.port();
      this.passwords = passwords;
      this.started = started;
      this.watchdog = new Thread(this::watch, "pg-watch");
      watchdog.setDaemon(true);
      watchdog.start();
    }

    static Server open(Path pgdata, Path runtimeDirectory) throws IOException {
      Path parent = PrivateFiles.directory(pgdata.getParent());
      String name = pgdata.getFileName().toString();
      Path controlFile = parent.resolve(name + ".lock");
      try (FileChannel control = channel(controlFile);
          FileLock ignored = lock(control, false, pgdata)) {
        PgDataDirectory dir = new PgDataDirectory(pgdata, PgBinaries.prepare(runtimeDirectory));
        FileChannel clients = channel(parent.resolve(name + ".clients"));
        try {
          Optional<Running> running = dir.running();
          Passwords passwords = running.isPresent() ? attachable(dir, running.get()) : null;
          boolean started = passwords == null;
          if (started) {
            if (running.isPresent()) {
              replaceOrRefuse(dir, running.get(), clients, parent.resolve(name + ".owner"));
            }
            dir.ensureInitialised();
            passwords = dir.ensurePasswords();
            running = Optional.of(dir.start());
            prepareRoles(running.get().port(), passwords);
            LOG.info(
                "embedded PostgreSQL on 127.0.0.1:{} with data in {}",
                running.get().port(),
                pgdata);
          } else {
            LOG.info(
                "another Evalstation runs the embedded PostgreSQL on {}: attached to port {}",
                pgdata,
                running.get().port());
          }
          FileLock shared = clients.lock(0, Long.MAX_VALUE, true);
          return new Server(dir, controlFile, clients, shared, running.get(), passwords, started);
        } catch (IOException | RuntimeException e) {
          clients.close();
          throw e;
        }
      }
    }

    /**
     * The passwords to attach to a running server with, or null when it is not one to attach to:
     * started without Evalstation's lockdown (by an older version), or letting a wrong password in.
     */
    private static Passwords attachable(PgDataDirectory dir, Running r) throws IOException {
      Optional<Passwords> passwords = dir.readPasswords();
      if (!dir.lockedDown(r) || passwords.isEmpty()) {
        LOG.warn("the PostgreSQL running on {} was not started by this Evalstation", dir);
        return null;
      }
      Optional<String> refused = awaitLogin(r.port(), USER, passwords.get().app());
      if (refused.isPresent()) {
        LOG.warn("the PostgreSQL running on {} does not let Evalstation in: {}", dir, refused);
        return null;
      }
      try (Connection c = connect(r.port(), "postgres", USER, "not-" + passwords.get().app())) {
        LOG.warn("the PostgreSQL running on {} let a wrong password in", dir);
        return null;
      } catch (SQLException e) {
        return passwords.get(); // refused, as it must
      }
    }

    /**
     * Stops a server not fit to attach to, unless processes still use it: processes of this version
     * (a shared lock on the clients file) or an older version's owner (its lock on {@code
     * postgres.owner}).
     */
    private static void replaceOrRefuse(
        PgDataDirectory dir, Running r, FileChannel clients, Path oldOwnerFile) throws IOException {
      FileLock alone = clients.tryLock();
      FileChannel oldOwner = Files.exists(oldOwnerFile) ? channel(oldOwnerFile) : null;
      try {
        FileLock oldAlone = oldOwner == null ? null : oldOwner.tryLock();
        if (alone == null || (oldOwner != null && oldAlone == null)) {
          throw new IOException(
              "the PostgreSQL running on "
                  + dir
                  + " was started by an older Evalstation, open to every user of this machine,"
                  + " and Evalstation processes still use it: close them (the desktop app"
                  + " included) and start again");
        }
        LOG.warn("stopping the PostgreSQL (pid {}) an older Evalstation left on {}", r.pid(), dir);
        dir.stop(r);
      } finally {
        if (alone != null) {
          alone.release();
        }
        if (oldOwner != null) {
          oldOwner.close(); // releases its lock too
        }
      }
    }

    /** Stops the server if no other process uses it any more. */
    void release() throws IOException {
      if (releasing) {
        return;
      }
      releasing = true;
      watchdog.interrupt();
      try (FileChannel control = channel(controlFile);
          FileLock ignored = lock(control, false, dir.path())) {
        clientLock.release();
        FileLock alone = clients.tryLock();
        if (alone == null) {
          LOG.info("the embedded PostgreSQL on {} stays up for the other processes using it", dir);
          return;
        }
        try {
          Optional<Running> running = dir.running();
          if (running.isPresent() && running.get().pid() == pid) {
            dir.stop(running.get());
            LOG.info("stopped the embedded PostgreSQL on {}", dir);
          }
        } finally {
          alone.release();
        }
      } finally {
        clients.close();
      }
    }

    private void watch() {
      while (!releasing && failure == null) {
        try {
          Thread.sleep(WATCH_PERIOD.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        checkAlive();
      }
    }

    /** Notices a server that died (not one this process is stopping). */
    synchronized void checkAlive() {
      if (failure != null || releasing) {
        return;
      }
      if (PgDataDirectory.alive(pid)) {
        return;
      }
      failure =
          "the embedded PostgreSQL (pid "
              + pid
              + ") on "
              + dir
              + " stopped unexpectedly; its log says: "
              + dir.diagnosis();
      LOG.error(failure);
      listeners.forEach(Runnable::run);
    }
  }

  /**
   * As superuser: the app's role with its password (no superuser, no role or database creation) and
   * Evalstation's database owned by it. In a database an older Evalstation created as superuser,
   * every table, sequence, view, function and type is handed over to the app's role first (one
   * transaction), then the database itself.
   */
  private static void prepareRoles(int port, Passwords passwords) throws IOException {
    String su = PgDataDirectory.SUPERUSER;
    String owner;
    try (Connection c = connect(port, "postgres", su, passwords.superuser());
        Statement s = c.createStatement()) {
      // USER and DATABASE are constant identifiers, not input.
      if (query(c, "select 1 from pg_roles where rolname = ?", USER).isEmpty()) {
        s.execute("CREATE ROLE " + USER + " LOGIN");
      }
      s.execute(
          "ALTER ROLE "
              + USER
              + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
      c.unwrap(PGConnection.class)
          .alterUserPassword(USER, passwords.app().toCharArray(), "scram-sha-256");
      Optional<String> dbOwner =
          query(c, "select pg_get_userbyid(datdba) from pg_database where datname = ?", DATABASE);
      if (dbOwner.isEmpty()) {
        s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        LOG.info("created database {}", DATABASE);
        return;
      }
      owner = dbOwner.get();
    } catch (SQLException e) {
      throw new IOException("cannot prepare the app's role: " + e.getMessage(), e);
    }
    if (owner.equals(USER)) {
      return;
    }
    LOG.warn("handing database {} of an older Evalstation over to the role {}", DATABASE, USER);
    try (Connection c = connect(port, DATABASE, su, passwords.superuser());
        Statement s = c.createStatement()) {
      s.execute(HAND_OVER);
      s.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + USER);
    } catch (SQLException e) {
      throw new IOException(
          "cannot hand the tables of " + DATABASE + " to " + USER + ": " + e.getMessage(), e);
    }
  }

  /** Gives the app's role what the superuser owns in Evalstation's database. */
  private static final String HAND_OVER =
      """
      DO $$
      DECLARE
        r record;
        app text := '%s';
      BEGIN
        FOR r IN SELECT n.nspname FROM pg_namespace n
                 WHERE n.nspowner = 'postgres'::regrole
                   AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%%' LOOP
          EXECUTE format('ALTER SCHEMA %%I OWNER TO %%I', r.nspname, app);
        END LOOP;
        FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relowner = 'postgres'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                   AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%%'
                   AND NOT (c.relkind = 'S' AND EXISTS (
                     SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                       AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP
          EXECUTE format('ALTER %%s %%I.%%I OWNER TO %%I',
            CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
              WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
            r.nspname, r.relname, app);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS routine FROM pg_proc p
                 JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE p.proowner = 'postgres'::regrole
                   AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%%' LOOP
          EXECUTE format('ALTER ROUTINE %%s OWNER TO %%I', r.routine, app);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS type, t.typtype FROM pg_type t
                 JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE t.typowner = 'postgres'::regrole AND t.typtype IN ('e', 'd', 'r', 'c')
                   AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c
                                              WHERE c.oid = t.typrelid) = 'c')
                   AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%%' LOOP
          EXECUTE format('ALTER %%s %%s OWNER TO %%I',
            CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.type, app);
        END LOOP;
      END $$
      """
          .formatted(USER);

  /** The first column of the first row, if there is a row. */
  private static Optional<String> query(Connection c, String sql, String value)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Waits until the app's role can log in (a server still recovering says so for a while); why it
   * cannot, or empty once it could.
   */
  private static Optional<String> awaitLogin(int port, String user, String password) {
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try (Connection c = connect(port, DATABASE, user, password)) {
        return Optional.empty();
      } catch (SQLException e) {
        last = e.getMessage();
        if (!"57P03".equals(e.getSQLState())) {
          break; // not "starting up": waiting will not help
        }
      }
      sleep(Duration.ofMillis(250));
    }
    return Optional.of(last);
  }

  static Connection connect(int port, String database, String user, String password)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "evalstation-setup");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
  }

  private static FileChannel channel(Path file) throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  /** Takes a lock, waiting for another process to finish starting or stopping the server. */
  private static FileLock lock(FileChannel channel, boolean shared, Path pgdata)
      throws IOException {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    while (true) {
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "another Evalstation process has been starting or stopping the embedded PostgreSQL"
                + " on "
                + pgdata
                + " for "
                + LOCK_WAIT.toMinutes()
                + " minutes: is it hanging?");
      }
      sleep(Duration.ofMillis(50));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailableException("interrupted while waiting for PostgreSQL", e);
    }
  }
}
