package io.evalstation.persistence;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import java.nio.file.Path;

/** Opens a migrated embedded PostgreSQL in a test's temporary directory. */
public final class TestDatabase {
  private TestDatabase() {}

  /** A fresh, migrated database whose data lives under {@code dir}. */
  public static Database open(Path dir) {
    return Database.open(
        DatabaseSettings.embedded(new AppDirectories(dir.resolve("config"), dir.resolve("data"))),
        Database.PasswordPrompt.none());
  }
}
