package io.evalstation.app;

import io.evalstation.persistence.analytics.AnalyticsRepository;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.config.Settings;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.live.ChangeFeed;
import io.evalstation.persistence.repo.SessionRepository;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database and wires repositories and services once. The command
 * line and the desktop app both start here; closing it releases everything in reverse order.
 */
public final class AppContext implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

  private final AppDirectories directories;
  private final Settings settings;
  private final Database database;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private ChangeFeed changeFeed;

  private AppContext(AppDirectories directories, Settings settings, Database database) {
    this.directories = directories;
    this.settings = settings;
    this.database = database;
  }

  /**
   * Opens the context.
   *
   * @param options where the database is; null fields fall back to environment and settings
   * @param migrate whether to bring the schema up to date (false only for {@code db info})
   */
  public static AppContext open(Options options, boolean migrate) {
    AppDirectories dirs = AppDirectories.forCurrentUser();
    if (options.dataDir() != null) {
      dirs = dirs.withData(options.dataDir());
    }
    Settings settings = Settings.load(dirs.settingsFile());
    DatabaseSettings dbSettings =
        DatabaseSettings.resolve(
            options.dbUrl(), options.dbUser(), System.getenv(), settings, dirs);
    Database.PasswordPrompt prompt =
        options.passwordPrompt() == null
            ? Database.PasswordPrompt.none()
            : options.passwordPrompt();
    Database db =
        migrate ? Database.open(dbSettings, prompt) : Database.connect(dbSettings, prompt);
    return new AppContext(dirs, settings, db);
  }

  /** Opens the context on an already open database (tests, tools). */
  public static AppContext on(Database database, AppDirectories directories) {
    return new AppContext(directories, Settings.load(directories.settingsFile()), database);
  }

  public AppDirectories directories() {
    return directories;
  }

  public Settings settings() {
    return settings;
  }

  public Database database() {
    return database;
  }

  public SessionRepository sessions() {
    return new SessionRepository(database.dsl());
  }

  /** Leaderboards, pivots, trends, paired comparisons, prediction pairs, duration estimates. */
  public AnalyticsRepository analytics() {
    return new AnalyticsRepository(database.dsl());
  }

  /** The live change feed, started on first use. */
  public synchronized ChangeFeed changeFeed() {
    if (changeFeed == null) {
      changeFeed = new ChangeFeed(database);
      closeables.push(changeFeed);
    }
    return changeFeed;
  }

  /** Registers something to close before the database closes. */
  public synchronized void closeOnExit(AutoCloseable closeable) {
    closeables.push(closeable);
  }

  @Override
  public synchronized void close() {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", c, e);
      }
    }
    database.close();
  }

  /**
   * Where the database is, as the command line or the app was told.
   *
   * @param dbUrl JDBC URL, or null
   * @param dbUser database user, or null
   * @param dataDir data directory override, or null
   * @param passwordPrompt asks for a password when needed, or null
   */
  public record Options(
      String dbUrl, String dbUser, Path dataDir, Database.PasswordPrompt passwordPrompt) {
    /** Nothing given: environment and settings decide. */
    public static Options defaults() {
      return new Options(null, null, null, null);
    }
  }
}
