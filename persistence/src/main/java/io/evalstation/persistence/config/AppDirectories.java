package io.evalstation.persistence.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Evalstation keeps its files on a user's machine: settings, cluster profiles and job
 * templates in the config directory; the embedded database, the result cache and logs in the data
 * directory. Follows XDG on Linux and the usual places on macOS and Windows; {@code
 * EVALSTATION_CONFIG_DIR} and {@code EVALSTATION_DATA_DIR} override both.
 *
 * @param config the config directory
 * @param data the data directory
 * @param cache the cache directory (the embedded PostgreSQL's unpacked binaries: shared by every
 *     data directory of the user, safe to delete)
 */
public record AppDirectories(Path config, Path data, Path cache) {
  public AppDirectories {
    Objects.requireNonNull(config, "config directory");
    Objects.requireNonNull(data, "data directory");
    Objects.requireNonNull(cache, "cache directory");
  }

  /** Config and data directories, with the cache inside the data directory. */
  public AppDirectories(Path config, Path data) {
    this(config, data, data.resolve("cache"));
  }

  /** The directories for this process's user and environment. */
  public static AppDirectories forCurrentUser() {
    return resolve(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
  }

  /** The directories for a given environment, OS name and home directory (pure, for tests). */
  public static AppDirectories resolve(Map<String, String> env, String osName, String home) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    Path homeDir = Path.of(home);
    Path config;
    Path data;
    Path cache;
    if (os.startsWith("windows")) {
      Path roaming = pathOr(env.get("APPDATA"), homeDir.resolve("AppData").resolve("Roaming"));
      Path local = pathOr(env.get("LOCALAPPDATA"), homeDir.resolve("AppData").resolve("Local"));
      config = roaming.resolve("Evalstation");
      data = local.resolve("Evalstation");
      cache = data.resolve("cache");
    } else if (os.startsWith("mac")) {
      Path library = homeDir.resolve("Library");
      config = library.resolve("Application Support").resolve("Evalstation");
      data = config;
      cache = library.resolve("Caches").resolve("Evalstation");
    } else {
      config =
          pathOr(env.get("XDG_CONFIG_HOME"), homeDir.resolve(".config")).resolve("evalstation");
      data =
          pathOr(env.get("XDG_DATA_HOME"), homeDir.resolve(".local/share")).resolve("evalstation");
      cache = pathOr(env.get("XDG_CACHE_HOME"), homeDir.resolve(".cache")).resolve("evalstation");
    }
    config = pathOr(env.get("EVALSTATION_CONFIG_DIR"), config);
    data = pathOr(env.get("EVALSTATION_DATA_DIR"), data);
    return new AppDirectories(config, data, cache);
  }

  /** The same config and cache directories with another data directory ({@code --data-dir}). */
  public AppDirectories withData(Path newData) {
    return new AppDirectories(config, newData, cache);
  }

  /**
   * Creates the config, data and cache directories private (0700), or makes existing ones so: other
   * users of the machine must not read settings, cluster profiles, results or logs. A directory
   * that cannot be made private (another user's, a file system without permissions) is named in a
   * warning.
   */
  public AppDirectories makePrivate() {
    for (Path dir : new java.util.LinkedHashSet<>(java.util.List.of(config, data, cache))) {
      try {
        PrivateFiles.directory(dir);
      } catch (java.io.IOException e) {
        org.slf4j.LoggerFactory.getLogger(AppDirectories.class)
            .warn("cannot make {} private: {}", dir, e.getMessage());
      }
    }
    return this;
  }

  /** Where the embedded PostgreSQL keeps its data. */
  public Path embeddedDatabase() {
    return data.resolve("postgres");
  }

  /**
   * Where the embedded PostgreSQL's binaries are unpacked: the system property {@code
   * evalstation.pg.runtime} when set (tests share one unpacked copy), else in the cache directory.
   */
  public Path embeddedRuntime() {
    String shared = System.getProperty("evalstation.pg.runtime");
    return shared == null || shared.isBlank() ? cache.resolve("postgres-runtime") : Path.of(shared);
  }

  /** Where result files fetched from clusters are cached. */
  public Path resultCache() {
    return data.resolve("results");
  }

  /** Where logs go. */
  public Path logs() {
    return data.resolve("logs");
  }

  /** The settings file. */
  public Path settingsFile() {
    return config.resolve("settings.properties");
  }

  private static Path pathOr(String value, Path fallback) {
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }
}
