package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evalstation.persistence.config.AppDirectories;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared PostgreSQL on another host (this machine's own non-loopback address, with TLS and a
 * certificate from a test CA): Evalstation checks the certificate by default ({@code verify-full}),
 * so it refuses the server until {@code database.sslrootcert} names the CA, and it warns when the
 * URL asks for less.
 */
class SharedDatabaseTlsTest {
  private static final String PASSWORD = "tls-test-password";

  @TempDir static Path dir;
  static String host;
  static int port;
  static PgDataDirectory server;
  static PgDataDirectory.Running running;

  @BeforeAll
  static void startATlsServer() throws Exception {
    host = nonLoopbackAddress().orElse(null);
    assumeTrue(host != null, "needs a non-loopback address on this machine");
    assumeTrue(run(dir, "openssl", "version") == 0, "needs openssl to make certificates");
    for (String ca : List.of("ca", "other-ca")) {
      assertThat(
              run(
                  dir,
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-days",
                  "2",
                  "-keyout",
                  ca + ".key",
                  "-out",
                  ca + ".crt",
                  "-subj",
                  "/CN=Evalstation test " + ca))
          .isZero();
    }
    assertThat(
            run(
                dir,
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=" + host))
        .isZero();
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:" + host + "\n");
    assertThat(
            run(
                dir,
                "openssl",
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-out",
                "server.crt",
                "-extfile",
                "san.ext"))
        .isZero();
    Files.setPosixFilePermissions(
        dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));

    Path pgdata = dir.resolve("shared");
    server = new PgDataDirectory(pgdata, PgBinaries.prepare(dir.resolve("runtime")));
    Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    List<String> initdb = new ArrayList<>(server.command("initdb"));
    initdb.addAll(
        List.of(
            "-D",
            pgdata.toString(),
            "-U",
            "postgres",
            "-A",
            "scram-sha-256",
            "--pwfile=" + dir.resolve("pw"),
            "-E",
            "UTF-8"));
    assertThat(run(dir, initdb.toArray(String[]::new))).isZero();
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        pgdata.resolve("postgresql.conf"),
        String.join(
            "\n",
            "listen_addresses = '" + host + "'",
            "port = " + port,
            "ssl = on",
            "ssl_cert_file = '" + dir.resolve("server.crt") + "'",
            "ssl_key_file = '" + dir.resolve("server.key") + "'",
            ""),
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        pgdata.resolve("pg_hba.conf"), "hostssl all all " + host + "/32 scram-sha-256\n");
    List<String> start = new ArrayList<>(server.command("pg_ctl"));
    start.addAll(
        List.of("-D", pgdata.toString(), "-l", dir.resolve("log").toString(), "-w", "start"));
    assertThat(run(dir, start.toArray(String[]::new))).isZero();
    running = server.running().orElseThrow();
  }

  @AfterAll
  static void stop() throws Exception {
    if (running != null) {
      server.stop(running);
    }
  }

  private static DatabaseSettings shared(String query, String rootCert) {
    return new DatabaseSettings(
        "jdbc:postgresql://" + host + ":" + port + "/postgres" + query,
        "postgres",
        new AppDirectories(dir.resolve("config"), dir.resolve("data")),
        rootCert);
  }

  private static Database connect(DatabaseSettings settings) {
    return Database.connect(settings, (url, user) -> Optional.of(PASSWORD));
  }

  @Test
  void aServerWhoseCertificateCannotBeCheckedIsRefusedWithAHint() {
    assertThatThrownBy(() -> connect(shared("", null)).close())
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("database.sslrootcert");
    assertThatThrownBy(() -> connect(shared("", dir.resolve("other-ca.crt").toString())).close())
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("database.sslrootcert");
  }

  @Test
  void theRightRootCertificateLetsItInOverTls() {
    try (Database db = connect(shared("", dir.resolve("ca.crt").toString()))) {
      assertThat(
              db.dsl()
                  .resultQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
                  .fetchOne(0, Boolean.class))
          .isTrue();
    }
  }

  @Test
  void aUrlThatAsksForLessConnectsWithAWarning() {
    DatabaseSettings lowered = shared("?sslmode=require", null);
    assertThat(lowered.warnings()).singleElement().asString().contains("sslmode=require");
    try (Database db = connect(lowered)) {
      assertThat(db.dsl().resultQuery("select 1").fetchOne(0, Integer.class)).isEqualTo(1);
    }
  }

  private static Optional<String> nonLoopbackAddress() throws Exception {
    for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
      if (!ni.isUp() || ni.isLoopback()) {
        continue;
      }
      for (InetAddress a : ni.inetAddresses().toList()) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return Optional.of(a.getHostAddress());
        }
      }
    }
    return Optional.empty();
  }

  private static int run(Path cwd, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      System.err.println(String.join(" ", command) + ":\n" + out);
      return p.isAlive() ? -1 : p.exitValue();
    }
    return 0;
  }
}
