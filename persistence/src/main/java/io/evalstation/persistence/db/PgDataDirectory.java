package io.evalstation.persistence.db;

import io.evalstation.persistence.config.PrivateFiles;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's data directory and the programs that work on it: {@code initdb} (into a
 * temporary directory, moved into place when complete, so that a kill half-way leaves nothing a
 * later start trips over), the lockdown (Evalstation's {@code pg_hba.conf}: {@code scram-sha-256}
 * for every connection; its settings: loopback only, the Unix socket in a private {@code socket/}
 * directory; the roles' random passwords in {@code evalstation.pgpass}, mode 0600), and {@code
 * pg_ctl start}/{@code stop}. Every change happens while the server is stopped and the caller holds
 * the data directory's control lock.
 */
final class PgDataDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(PgDataDirectory.class);

  /** The server's superuser: for initdb and maintenance only. */
  static final String SUPERUSER = "postgres";

  /** The role the app connects as: no superuser, owner of Evalstation's database. */
  static final String APP_ROLE = "evalstation";

  static final String SECRETS = "evalstation.pgpass";
  static final String SETTINGS = "evalstation.conf";
  static final String LOG_FILE = "evalstation-server.log";
  static final String SOCKET_DIRECTORY = "socket";
  private static final String INITDB_TEMP = ".initdb-";
  private static final int MAX_SOCKET_PATH = 100;
  private static final Duration PG_CTL_WAIT = Duration.ofSeconds(90);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String HBA =
      String.join(
          "\n",
          "# Written by Evalstation at every start of its embedded PostgreSQL: changes are replaced.",
          "# Only the user who runs Evalstation may connect, with the passwords in "
              + SECRETS
              + " (mode 0600),",
          "# over the loopback interface or the Unix socket in "
              + SOCKET_DIRECTORY
              + "/ (mode 0700). No trust.",
          "local   all   all                  scram-sha-256",
          "host    all   all   127.0.0.1/32   scram-sha-256",
          "host    all   all   ::1/128        scram-sha-256",
          "");

  /** The passwords of the server's two roles. */
  record Passwords(String superuser, String app) {
    @Override
    public String toString() {
      return "Passwords[***]";
    }
  }

  /** A running server, as its {@code postmaster.pid} describes it. */
  record Running(long pid, int port, String socketDirectory, String listen, String status) {}

  private final Path pgdata;
  private final PgBinaries binaries;

  PgDataDirectory(Path pgdata, PgBinaries binaries) {
    this.pgdata = pgdata;
    this.binaries = binaries;
  }

  Path path() {
    return pgdata;
  }

  /** True when initdb completed here: the catalog and the three databases it creates exist. */
  boolean initialised() {
    return Stream.of("PG_VERSION", "global/pg_control", "base/1", "base/4", "base/5")
        .allMatch(f -> Files.exists(pgdata.resolve(f)));
  }

  /**
   * Runs initdb if the data directory is not initialised: into a temporary directory beside it,
   * with the superuser's password and Evalstation's access rules and settings, moved into place
   * only when complete. What a killed initdb left (a temporary directory; or, from an older
   * Evalstation, a data directory with no catalog) is removed first.
   */
  void ensureInitialised() throws IOException {
    Path parent = pgdata.getParent();
    try (Stream<Path> s = Files.list(parent)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().startsWith(pgdata.getFileName() + INITDB_TEMP)) {
          LOG.warn("removing {}, left by an initdb that did not finish", p);
          PgBinaries.deleteTree(p);
        }
      }
    }
    if (initialised()) {
      return;
    }
    if (Files.exists(pgdata, LinkOption.NOFOLLOW_LINKS)) {
      removeHalfInitialised();
    }
    Path tmp =
        parent.resolve(pgdata.getFileName() + INITDB_TEMP + Long.toString(System.nanoTime(), 36));
    Passwords passwords = new Passwords(newPassword(), newPassword());
    Path pwfile = Files.createTempFile(parent, ".initdb-pw-", "");
    try {
      Files.writeString(pwfile, passwords.superuser() + "\n", StandardCharsets.UTF_8);
      List<String> initdb = new ArrayList<>(command("initdb"));
      initdb.addAll(
          List.of(
              "-D",
              tmp.toString(),
              "-U",
              SUPERUSER,
              "-A",
              "scram-sha-256",
              "--pwfile=" + pwfile,
              "-E",
              "UTF-8",
              "--no-instructions"));
      long started = System.nanoTime();
      Result r = run(initdb, null, Duration.ofMinutes(5));
      if (r.exit() != 0) {
        throw new IOException(
            "initdb could not create the embedded database in "
                + pgdata
                + ": "
                + problems(r.output()));
      }
      writeAccessRules(tmp);
      writeSecrets(tmp, passwords);
      Files.move(tmp, pgdata, StandardCopyOption.ATOMIC_MOVE);
      LOG.info(
          "initialised the embedded database in {} ({} ms)",
          pgdata,
          (System.nanoTime() - started) / 1_000_000);
    } finally {
      Files.deleteIfExists(pwfile);
      PgBinaries.deleteTree(tmp);
    }
  }

  /** A data directory without a catalog: from an initdb of an older version that was killed. */
  private void removeHalfInitialised() throws IOException {
    List<String> names;
    try (Stream<Path> s = Files.list(pgdata)) {
      names = s.map(p -> p.getFileName().toString()).toList();
    }
    boolean leftByInitdb =
        names.isEmpty() || names.contains("PG_VERSION") || names.contains("postgresql.conf");
    if (!leftByInitdb) {
      throw new IOException(
          pgdata + " is not a PostgreSQL data directory (no PG_VERSION): move it out of the way");
    }
    LOG.warn(
        "{} was left half-initialised by an initdb that did not finish: initialising anew", pgdata);
    Path aside =
        pgdata.resolveSibling(pgdata.getFileName() + INITDB_TEMP + "old-" + System.nanoTime());
    Files.move(pgdata, aside, StandardCopyOption.ATOMIC_MOVE);
    PgBinaries.deleteTree(aside);
  }

  /**
   * The roles' passwords; made anew when missing or readable by others (an older version's data
   * directory, or a secrets file someone opened up): the superuser's is set in single-user mode
   * (the server is stopped), the app's at the next start.
   */
  Passwords ensurePasswords() throws IOException {
    Optional<Passwords> known = readPasswords();
    if (known.isPresent()) {
      return known.get();
    }
    LOG.warn("giving the embedded PostgreSQL's roles new passwords ({})", pgdata);
    Passwords fresh = new Passwords(newPassword(), newPassword());
    String sql;
    try {
      sql =
          PasswordUtil.genAlterUserPasswordSQL(
              SUPERUSER, fresh.superuser().toCharArray(), "scram-sha-256");
    } catch (SQLException e) {
      throw new IOException("cannot encode the superuser's password: " + e.getMessage(), e);
    }
    List<String> single = new ArrayList<>(command("postgres"));
    single.addAll(List.of("--single", "-D", pgdata.toString(), "postgres"));
    Result r = run(single, sql + "\n", Duration.ofMinutes(5));
    if (r.exit() != 0 || r.output().contains("ERROR:") || r.output().contains("FATAL:")) {
      throw new IOException(
          "cannot set the superuser's password of the embedded PostgreSQL in "
              + pgdata
              + ": "
              + problems(r.output()));
    }
    writeSecrets(pgdata, fresh);
    return fresh;
  }

  /** The passwords in the secrets file, if it is complete and private. */
  Optional<Passwords> readPasswords() {
    Path file = pgdata.resolve(SECRETS);
    PgPass secrets = PgPass.read(file);
    if (secrets.ignoredBecause().isPresent()) {
      return Optional.empty();
    }
    Optional<String> su = secrets.find("127.0.0.1", 0, "postgres", SUPERUSER);
    Optional<String> app = secrets.find("127.0.0.1", 0, "postgres", APP_ROLE);
    return su.isPresent() && app.isPresent()
        ? Optional.of(new Passwords(su.get(), app.get()))
        : Optional.empty();
  }

  /** The server running on this data directory, if any (a stale lock file is removed). */
  Optional<Running> running() throws IOException {
    Path pidFile = pgdata.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    long pid = lines.isEmpty() ? -1 : parseLong(lines.get(0));
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(p -> alive(p.pid()));
    boolean postgres =
        process.isPresent()
            && process.get().info().command().map(c -> c.contains("postgres")).orElse(true);
    if (!postgres) {
      LOG.warn("removing stale PostgreSQL lock {} (pid {} is not running)", pidFile, pid);
      Files.deleteIfExists(pidFile);
      return Optional.empty();
    }
    return Optional.of(
        new Running(
            pid,
            lines.size() > 3 ? (int) parseLong(lines.get(3)) : -1,
            lines.size() > 4 ? lines.get(4).trim() : "",
            lines.size() > 5 ? lines.get(5).trim() : "",
            lines.size() > 7 ? lines.get(7).trim() : ""));
  }

  /** True when a running server was started with Evalstation's settings (loopback, own socket). */
  boolean lockedDown(Running r) {
    return r.listen().equals("127.0.0.1")
        && (r.socketDirectory().isEmpty()
            || r.socketDirectory().equals(socketDirectory().toString()));
  }

  /** Starts the server (stopped) with Evalstation's access rules, on a free loopback port. */
  Running start() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      writeAccessRules(pgdata);
      writeSettings(port);
      rotateLog();
      List<String> pgCtl = new ArrayList<>(command("pg_ctl"));
      pgCtl.addAll(
          List.of(
              "-D",
              pgdata.toString(),
              "-l",
              pgdata.resolve(LOG_FILE).toString(),
              "-w",
              "-t",
              Long.toString(PG_CTL_WAIT.toSeconds()),
              "-s",
              "start"));
      long logStart = logSize();
      Result r = run(pgCtl, null, PG_CTL_WAIT.plusSeconds(30));
      Optional<Running> running = running();
      if (r.exit() == 0 && running.isPresent()) {
        return running.get();
      }
      String log = logSince(logStart);
      last =
          new IOException(
              "the embedded PostgreSQL in "
                  + pgdata
                  + " did not start: "
                  + problems(r.output() + "\n" + log));
      if (!log.contains("could not bind")) {
        break; // not a port taken meanwhile: trying again would fail the same way
      }
    }
    throw last;
  }

  /** Stops the server (fast: open transactions roll back), killing it if it does not stop. */
  void stop(Running r) throws IOException {
    List<String> pgCtl = new ArrayList<>(command("pg_ctl"));
    pgCtl.addAll(List.of("-D", pgdata.toString(), "-m", "fast", "-w", "-t", "30", "-s", "stop"));
    Result result = run(pgCtl, null, Duration.ofSeconds(60));
    if (!awaitExit(r.pid(), Duration.ofSeconds(5))) {
      LOG.warn(
          "PostgreSQL (pid {}) did not stop (exit {}: {}): killing it",
          r.pid(),
          result.exit(),
          problems(result.output()));
      ProcessHandle.of(r.pid()).ifPresent(ProcessHandle::destroyForcibly);
      if (!awaitExit(r.pid(), Duration.ofSeconds(30))) {
        throw new IOException("cannot stop PostgreSQL (pid " + r.pid() + ")");
      }
      Files.deleteIfExists(pgdata.resolve("postmaster.pid"));
    }
  }

  /**
   * True while the process runs. A process that exited but was not reaped yet (a zombie: its
   * parent, often init in a container, has not collected it) counts as gone.
   */
  static boolean alive(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String s = Files.readString(stat, StandardCharsets.UTF_8);
      int end = s.lastIndexOf(')');
      char state = end > 0 && end + 2 < s.length() ? s.charAt(end + 2) : 'R';
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); // no /proc here
    }
  }

  /** Waits up to {@code timeout} for the process to end; true when it did. */
  static boolean awaitExit(long pid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (alive(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !alive(pid);
      }
    }
    return true;
  }

  /** What the server's log says went wrong most recently (FATAL and PANIC lines), or empty. */
  String diagnosis() {
    return problems(logSince(Math.max(0, logSize() - 16_384)));
  }

  private Path socketDirectory() {
    return pgdata.resolve(SOCKET_DIRECTORY);
  }

  private void writeAccessRules(Path dir) throws IOException {
    PrivateFiles.write(
        dir.resolve("pg_hba.conf"), out -> out.write(HBA.getBytes(StandardCharsets.UTF_8)));
    Path conf = dir.resolve("postgresql.conf");
    String include = "include_if_exists = '" + SETTINGS + "'";
    if (!Files.readString(conf, StandardCharsets.UTF_8).contains(include)) {
      Files.writeString(
          conf,
          "\n# Evalstation's settings, rewritten at every start\n" + include + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  private void writeSettings(int port) throws IOException {
    Path socket = socketDirectory();
    boolean socketFits =
        socket.toString().length() + "/.s.PGSQL.65535.lock".length() <= MAX_SOCKET_PATH;
    if (socketFits) {
      PrivateFiles.directory(socket);
    }
    String settings =
        String.join(
            "\n",
            "# Written by Evalstation at every start of its embedded PostgreSQL: changes are replaced.",
            "port = " + port,
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = "
                + (socketFits
                    ? quote("\"" + socket.toString().replace("\"", "\"\"") + "\"")
                    : "''"),
            "unix_socket_permissions = 0700",
            "password_encryption = 'scram-sha-256'",
            "fsync = on",
            "synchronous_commit = on",
            "full_page_writes = on",
            "max_connections = 100",
            "timezone = 'UTC'",
            "");
    PrivateFiles.write(
        pgdata.resolve(SETTINGS), out -> out.write(settings.getBytes(StandardCharsets.UTF_8)));
  }

  private static void writeSecrets(Path dir, Passwords p) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("# The passwords of the embedded PostgreSQL's roles, made by Evalstation.\n");
    s.append("# libpq's format: PGPASSFILE=<this file> psql -h 127.0.0.1 -p <port> -U ");
    s.append(APP_ROLE).append(' ').append(EmbeddedDatabase.DATABASE).append('\n');
    for (String host : List.of("127.0.0.1", "localhost")) {
      s.append(host).append(":*:*:").append(APP_ROLE).append(':').append(p.app()).append('\n');
      s.append(host)
          .append(":*:*:")
          .append(SUPERUSER)
          .append(':')
          .append(p.superuser())
          .append('\n');
    }
    PrivateFiles.write(
        dir.resolve(SECRETS), out -> out.write(s.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private void rotateLog() throws IOException {
    Path log = pgdata.resolve(LOG_FILE);
    if (Files.exists(log) && Files.size(log) > 1 << 20) {
      Files.move(log, pgdata.resolve(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private long logSize() {
    try {
      Path log = pgdata.resolve(LOG_FILE);
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String logSince(long offset) {
    Path log = pgdata.resolve(LOG_FILE);
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.min(offset, f.length());
      byte[] bytes = new byte[(int) Math.min(f.length() - from, 1 << 16)];
      f.seek(Math.max(from, f.length() - bytes.length));
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The lines of a program's output or the server's log that say what went wrong: errors, fatal and
   * panic messages, and anything about the disk; the last few of them. Statements are left out
   * (they could carry a password verifier).
   */
  static String problems(String output) {
    List<String> found = new ArrayList<>();
    for (String line : output.split("\n")) {
      String l = line.trim();
      boolean problem =
          l.contains("FATAL:")
              || l.contains("PANIC:")
              || l.contains("ERROR:")
              || l.contains("error:")
              || l.contains("No space left on device")
              || l.contains("could not");
      if (problem && !l.contains("STATEMENT:")) {
        found.add(l);
      }
    }
    if (found.isEmpty()) {
      String tail = output.strip();
      return tail.isEmpty()
          ? "no message"
          : tail.substring(Math.max(0, tail.length() - 500)).replace('\n', ' ');
    }
    return String.join(" | ", found.subList(Math.max(0, found.size() - 4), found.size()));
  }

  List<String> command(String program) {
    List<String> cmd = new ArrayList<>();
    // PostgreSQL refuses to run as root: in a user namespace (as zonky does) root is no root.
    if ("root".equals(System.getProperty("user.name")) && LinuxUtils.isUnshareAvailable()) {
      cmd.addAll(List.of("unshare", "-U"));
    }
    cmd.add(binaries.program(program).toString());
    return cmd;
  }

  /** A program's exit code and output (stdout and stderr). */
  record Result(int exit, String output) {}

  private Result run(List<String> command, String input, Duration timeout) throws IOException {
    Path parent = pgdata.getParent();
    Path out = Files.createTempFile(parent, ".pg-output-", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(
                  input == null
                      ? ProcessBuilder.Redirect.from(nullFile())
                      : ProcessBuilder.Redirect.PIPE);
      pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
      Process p = pb.start();
      if (input != null) {
        try (var stdin = p.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            command.get(command.size() - 1)
                + " did not finish within "
                + timeout.toSeconds()
                + " s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win")
            ? "NUL"
            : "/dev/null");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static String newPassword() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return pgdata.toString();
  }
}
