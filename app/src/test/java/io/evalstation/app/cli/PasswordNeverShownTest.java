package io.evalstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.db.PgPass;
import io.evalstation.persistence.sample.SampleDataSeeder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password given in the database URL (what Evalstation tells users not to do) is used to connect
 * but never printed: not by {@code db info}, not in a connection error, not in the log, not in the
 * About sheet of an exported workbook.
 */
class PasswordNeverShownTest {
  private record Run(int exit, String out, String err, String log) {}

  @TempDir Path dir;

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintStream systemErr = System.err;
    PrintStream systemOut = System.out;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(log, true, StandardCharsets.UTF_8);
    System.setErr(capture);
    System.setOut(capture);
    try {
      int exit =
          EvalstationCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
              .execute(args);
      return new Run(exit, out.toString(), err.toString(), log.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(systemErr);
      System.setOut(systemOut);
    }
  }

  @Test
  void aPasswordInTheUrlIsUsedButNeverPrinted() throws Exception {
    // The "shared" database: a PostgreSQL that wants a password (the embedded server of another
    // data directory, reached by URL as its app role).
    AppDirectories server = new AppDirectories(dir.resolve("server-c"), dir.resolve("server-d"));
    try (Database shared =
        Database.open(DatabaseSettings.embedded(server), Database.PasswordPrompt.none())) {
      String secret =
          PgPass.read(server.embeddedDatabase().resolve("evalstation.pgpass"))
              .find("127.0.0.1", 0, "evalstation", "evalstation")
              .orElseThrow();
      new SampleDataSeeder(shared).seedIfNew();
      String metric =
          shared
              .dsl()
              .resultQuery("select metric from task_metrics order by metric limit 1")
              .fetchOne(0, String.class);
      String url = shared.url() + "?password=" + secret;
      String[] where = {"--db-url", url, "--db-user", "evalstation", "--data-dir", dir.toString()};

      Run info = run(concat(new String[] {"db", "info", "--json"}, where));
      assertThat(info.exit()).as(info.err()).isZero();
      assertThat(info.out()).contains("127.0.0.1");
      assertThat(info.log()).contains("the database URL contains a password");
      assertNotIn(secret, info);

      Path book = dir.resolve("book.xlsx");
      Run export =
          run(concat(new String[] {"export", "--out", book.toString(), "--metric", metric}, where));
      assertThat(export.exit()).as(export.err()).isZero();
      String workbook = unzipped(book);
      assertThat(workbook).contains("127.0.0.1");
      assertThat(workbook).doesNotContain(secret);
      assertNotIn(secret, export);

      Run refused =
          run(
              "db",
              "info",
              "--db-url",
              "jdbc:postgresql://127.0.0.1:1/evalstation?password=" + secret,
              "--data-dir",
              dir.toString());
      assertThat(refused.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(refused.err()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/");
      assertNotIn(secret, refused);
    }
  }

  private static void assertNotIn(String secret, Run r) {
    assertThat(r.out()).doesNotContain(secret);
    assertThat(r.err()).doesNotContain(secret);
    assertThat(r.log()).doesNotContain(secret);
  }

  private static String unzipped(Path xlsx) throws Exception {
    StringBuilder all = new StringBuilder();
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        try (var in = zip.getInputStream(e)) {
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return all.toString();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
