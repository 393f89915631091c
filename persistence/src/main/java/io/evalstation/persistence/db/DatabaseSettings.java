package io.evalstation.persistence.db;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.config.Settings;
import java.util.Map;
import java.util.Optional;

/**
 * Which database to use: a shared PostgreSQL by JDBC URL, or (no URL) the embedded one in the data
 * directory. Resolved from, in order of precedence, the command line, the environment ({@code
 * EVALSTATION_DB_URL}, {@code EVALSTATION_DB_USER}) and the settings file.
 *
 * @param url JDBC URL ({@code jdbc:postgresql://host:5432/db}), or null for the embedded database
 * @param user user for the shared database; null means the OS user (PostgreSQL's own default)
 * @param directories where the embedded database lives
 */
public record DatabaseSettings(String url, String user, AppDirectories directories) {
  public DatabaseSettings {
    if (url != null && !url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database URL '"
              + url
              + "' is not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database)");
    }
    if (url != null && url.isBlank()) {
      url = null;
    }
    if (directories == null) {
      throw new IllegalArgumentException("directories are missing");
    }
  }

  /** True when no shared database is configured. */
  public boolean embedded() {
    return url == null;
  }

  /** The embedded database in the given directories. */
  public static DatabaseSettings embedded(AppDirectories directories) {
    return new DatabaseSettings(null, null, directories);
  }

  /**
   * Resolves the settings: {@code urlOption}/{@code userOption} (command line) over the environment
   * over the settings file.
   */
  public static DatabaseSettings resolve(
      String urlOption,
      String userOption,
      Map<String, String> env,
      Settings settings,
      AppDirectories dirs) {
    String url =
        first(
            urlOption,
            env.get("EVALSTATION_DB_URL"),
            settings.get(Settings.DATABASE_URL).orElse(null));
    String user =
        first(
            userOption,
            env.get("EVALSTATION_DB_USER"),
            settings.get(Settings.DATABASE_USER).orElse(null));
    return new DatabaseSettings(url, user, dirs);
  }

  /** The user to connect as. */
  public String effectiveUser() {
    return Optional.ofNullable(user).orElse(System.getProperty("user.name"));
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }
}
