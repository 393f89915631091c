package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import java.io.Console;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the database is: mixed into every command that opens it. */
public final class DatabaseOptions {
  @Option(
      names = "--db-url",
      paramLabel = "JDBC_URL",
      description =
          "A shared PostgreSQL (jdbc:postgresql://host:5432/db). Default: EVALSTATION_DB_URL, then"
              + " the settings file, then the embedded database.")
  String dbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "User for the shared database (password from ~/.pgpass or asked).")
  String dbUser;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory (embedded database, result cache). Default: EVALSTATION_DATA_DIR or the platform's.")
  Path dataDir;

  /** The options as the composition root takes them; the password is asked on the terminal. */
  public AppContext.Options toOptions() {
    return new AppContext.Options(
        dbUrl,
        dbUser,
        dataDir,
        (url, user) -> {
          Console console = System.console();
          if (console == null) {
            return Optional.empty();
          }
          char[] pw = console.readPassword("Password for %s at %s: ", user, url);
          return pw == null ? Optional.empty() : Optional.of(new String(pw));
        });
  }
}
