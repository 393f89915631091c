package io.evalstation.persistence.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.evalstation.persistence.config.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evalstation's database, wired once: the embedded server or a shared PostgreSQL, a HikariCP pool,
 * Flyway migrations, and a jOOQ {@link DSLContext}. Closing it closes the pool and stops the
 * embedded server.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DatabaseSettings settings;
  private final EmbeddedDatabase embedded;
  private final String url;
  private final Properties connectionProperties;
  private final HikariDataSource pool;
  private final DataSource guarded;
  private final DSLContext dsl;

  private Database(
      DatabaseSettings settings,
      EmbeddedDatabase embedded,
      String url,
      Properties connectionProperties,
      HikariDataSource pool) {
    this.settings = settings;
    this.embedded = embedded;
    this.url = url;
    this.connectionProperties = connectionProperties;
    this.pool = pool;
    this.guarded = new GuardedDataSource(pool, this::checkAvailable);
    this.dsl = DSL.using(guarded, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
  }

  /**
   * Opens the database the settings name (starting the embedded server if no URL is set) and brings
   * its schema up to date.
   *
   * @param passwordPrompt asked for a password when a shared database needs one and {@code
   *     ~/.pgpass} has none; may return empty
   */
  public static Database open(DatabaseSettings settings, PasswordPrompt passwordPrompt) {
    Database db = connect(settings, passwordPrompt);
    try {
      db.migrate();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Opens the database without migrating (for {@code db info} on a database it cannot migrate). */
  public static Database connect(DatabaseSettings settings, PasswordPrompt passwordPrompt) {
    EmbeddedDatabase embedded = null;
    String url;
    Properties props = new Properties();
    if (settings.embedded()) {
      embedded =
          EmbeddedDatabase.start(
              settings.directories().embeddedDatabase(), settings.directories().embeddedRuntime());
      url = embedded.jdbcUrl();
      props.setProperty(PGProperty.USER.getName(), EmbeddedDatabase.USER);
      props.setProperty(PGProperty.PASSWORD.getName(), embedded.password());
      props.setProperty(PGProperty.SSL_MODE.getName(), "disable"); // loopback
    } else {
      url = settings.url();
      settings.warnings().forEach(LOG::warn);
      props.putAll(settings.connectionProperties());
      props.putAll(settings.secretsFromUrl());
      if (!props.containsKey(PGProperty.PASSWORD.getName())) {
        passwordFor(settings, passwordPrompt)
            .ifPresent(p -> props.setProperty(PGProperty.PASSWORD.getName(), p));
      }
    }
    props.setProperty(PGProperty.APPLICATION_NAME.getName(), "evalstation");
    props.setProperty(PGProperty.REWRITE_BATCHED_INSERTS.getName(), "true");
    try {
      HikariConfig config = new HikariConfig();
      config.setPoolName("db");
      config.setJdbcUrl(url);
      config.setDataSourceProperties(props);
      config.setMaximumPoolSize(8);
      config.setMinimumIdle(1);
      config.setConnectionTimeout(15_000);
      config.setInitializationFailTimeout(15_000);
      HikariDataSource pool = new HikariDataSource(config);
      return new Database(settings, embedded, url, props, pool);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      String why = Secrets.redact(rootMessage(e));
      throw new DatabaseUnavailableException(
          "cannot connect to "
              + describe(url, settings)
              + ": "
              + why
              + settings.tlsHint(ConnectionFailures.allMessages(e)),
          e);
    }
  }

  /**
   * When {@code failure} means the database is gone (the connection lost, the server stopped, no
   * connection to be had), the error to end the work with: what happened, and that what was not
   * committed was rolled back. Empty for any other failure (a constraint, bad SQL): that one is the
   * work's own.
   */
  public Optional<DatabaseUnavailableException> unavailable(Throwable failure) {
    if (!ConnectionFailures.isConnectionLost(failure)) {
      return Optional.empty();
    }
    if (failure instanceof DatabaseUnavailableException d) {
      return Optional.of(d);
    }
    String why;
    if (embedded != null) {
      why =
          embedded
              .awaitFailure(Duration.ofSeconds(3))
              .orElse(
                  "lost the connection to the embedded PostgreSQL ("
                      + ConnectionFailures.message(failure)
                      + "); its log says: "
                      + embedded.diagnosis());
    } else {
      why =
          "lost the connection to "
              + describe()
              + ": "
              + Secrets.redact(ConnectionFailures.message(failure));
    }
    return Optional.of(
        new DatabaseUnavailableException(
            why + "; what was not committed was rolled back", failure));
  }

  /** Applies pending migrations; refuses a database migrated by a newer Evalstation. */
  public MigrateResult migrate() {
    Flyway flyway = flyway();
    refuseNewerSchema(flyway);
    MigrateResult result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("migrated the database to version {}", result.targetSchemaVersion);
    }
    return result;
  }

  /** The schema version the database is at, if migrated at all. */
  public Optional<String> schemaVersion() {
    MigrationInfo current = flyway().info().current();
    return Optional.ofNullable(current).map(c -> c.getVersion().getVersion());
  }

  /** The newest schema version this build of Evalstation knows. */
  public String latestKnownVersion() {
    return Arrays.stream(flyway().info().all())
        .filter(
            m ->
                m.getState() != MigrationState.FUTURE_SUCCESS
                    && m.getState() != MigrationState.FUTURE_FAILED)
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .max(Comparator.naturalOrder())
        .map(v -> v.getVersion())
        .orElse("0");
  }

  private void refuseNewerSchema(Flyway flyway) {
    for (MigrationInfo m : flyway.info().all()) {
      if (m.getState() == MigrationState.FUTURE_SUCCESS
          || m.getState() == MigrationState.FUTURE_FAILED) {
        throw new SchemaTooNewException(
            "the database at "
                + describe()
                + " was migrated by a newer Evalstation (schema version "
                + m.getVersion()
                + ", this one knows up to "
                + latestKnownVersion()
                + "): update Evalstation, or point it at another database");
      }
    }
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration")
        .ignoreMigrationPatterns("*:missing")
        .load();
  }

  /** jOOQ on the pool. */
  public DSLContext dsl() {
    return dsl;
  }

  /** The pool (failing at once with a clear error once the embedded server died). */
  public DataSource dataSource() {
    return guarded;
  }

  /**
   * A new connection outside the pool, e.g. for {@code LISTEN}, which needs one long-lived
   * connection of its own.
   */
  public Connection openDedicatedConnection() throws SQLException {
    checkAvailable();
    return DriverManager.getConnection(url, connectionProperties);
  }

  /** Fails with the reason once the embedded server is known to be gone. */
  private void checkAvailable() {
    if (embedded != null) {
      embedded
          .failure()
          .ifPresent(
              f -> {
                throw new DatabaseUnavailableException(
                    f + "; what was not committed was rolled back", null);
              });
    }
  }

  /** The JDBC URL. */
  public String url() {
    return url;
  }

  /** True when this is the embedded server. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** The settings it was opened with. */
  public DatabaseSettings settings() {
    return settings;
  }

  /** A one-line description for the status bar and {@code db info}. */
  public String describe() {
    return describe(url, settings);
  }

  private static String describe(String url, DatabaseSettings settings) {
    if (settings.embedded()) {
      return "embedded PostgreSQL (" + settings.directories().embeddedDatabase() + ")";
    }
    return url;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  private static Optional<String> passwordFor(DatabaseSettings settings, PasswordPrompt prompt) {
    JdbcUrl target = settings.target();
    String user = settings.effectiveUser();
    Optional<String> fromFile =
        PgPass.forCurrentUser().find(target.host(), target.port(), target.database(user), user);
    if (fromFile.isPresent()) {
      return fromFile;
    }
    return prompt == null ? Optional.empty() : prompt.ask(settings.url(), user);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Asks the user for a database password; never stored. */
  @FunctionalInterface
  public interface PasswordPrompt {
    /** The password for {@code user} at {@code url}, or empty to try without one. */
    Optional<String> ask(String url, String user);

    /** A prompt that never answers (scripts, tests). */
    static PasswordPrompt none() {
      return (url, user) -> Optional.empty();
    }
  }
}
