package io.evalstation.persistence.db;

import io.evalstation.persistence.config.AppDirectories;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Another Evalstation process in the embedded-server tests (the desktop app, or a command run
 * beside it): opens the embedded database in the given directory, says READY and then follows
 * commands on its standard input, one a line, answering each on its standard output:
 *
 * <ul>
 *   <li>{@code insert NAME}: inserts a model row, answers {@code OK};
 *   <li>{@code count NAME}: answers {@code COUNT n}, the rows of that model;
 *   <li>{@code close}: closes the database as a command does when it finishes, answers {@code
 *       CLOSED} and exits 0.
 * </ul>
 *
 * A failure answers {@code ERROR message} (the process stays up).
 */
public final class EmbeddedChild {
  private EmbeddedChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Database db =
        Database.open(
            DatabaseSettings.embedded(
                new AppDirectories(dir.resolve("config"), dir.resolve("data"))),
            Database.PasswordPrompt.none());
    say("READY");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] cmd = line.trim().split(" ", 2);
      try {
        switch (cmd[0]) {
          case "insert" -> {
            db.dsl().execute("insert into models (model_name) values (?)", cmd[1]);
            say("OK");
          }
          case "count" ->
              say(
                  "COUNT "
                      + db.dsl()
                          .resultQuery("select count(*) from models where model_name = ?", cmd[1])
                          .fetchOne(0, Integer.class));
          case "close" -> {
            db.close();
            say("CLOSED");
            System.exit(0);
          }
          default -> say("ERROR unknown command " + line);
        }
      } catch (RuntimeException e) {
        say("ERROR " + e.getMessage().replace('\n', ' '));
      }
    }
    Thread.sleep(600_000); // standard input closed: wait to be killed, as a hung app would
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
