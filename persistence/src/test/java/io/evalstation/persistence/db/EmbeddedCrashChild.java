package io.evalstation.persistence.db;

import io.evalstation.persistence.config.AppDirectories;
import java.nio.file.Path;

/**
 * A stand-in for the desktop app in {@link EmbeddedRecoveryTest}: opens the embedded database in
 * the given directory, writes a row, says READY and waits to be killed.
 */
public final class EmbeddedCrashChild {
  private EmbeddedCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Database db =
        Database.open(
            DatabaseSettings.embedded(
                new AppDirectories(dir.resolve("config"), dir.resolve("data"))),
            Database.PasswordPrompt.none());
    db.dsl().execute("insert into models (model_name) values ('written-before-the-crash')");
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(600_000);
  }
}
