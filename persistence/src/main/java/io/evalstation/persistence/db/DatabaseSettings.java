package io.evalstation.persistence.db;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which database to use: a shared PostgreSQL by JDBC URL, or (no URL) the embedded one in the data
 * directory. Resolved from, in order of precedence, the command line, the environment ({@code
 * EVALSTATION_DB_URL}, {@code EVALSTATION_DB_USER}, {@code EVALSTATION_DB_SSLROOTCERT}) and the
 * settings file.
 *
 * <p>A password written into the URL ({@code ?password=…}) is taken out of it: it is used to
 * connect, never shown, logged or saved, and a warning says where it belongs instead ({@code
 * ~/.pgpass}). A shared server on another host is reached with {@code sslmode=verify-full} unless
 * the URL says otherwise (with a warning when it asks for less): its certificate is checked against
 * {@link #sslRootCert()}.
 */
public final class DatabaseSettings {
  /** {@link #sslRootCert()} value that trusts the Java trust store instead of a file. */
  public static final String SYSTEM_TRUST = "system";

  private static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private final JdbcUrl url;
  private final String user;
  private final AppDirectories directories;
  private final String sslRootCert;
  private final List<String> warnings = new ArrayList<>();

  /**
   * @param url JDBC URL ({@code jdbc:postgresql://host:5432/db}), or null for the embedded database
   * @param user user for the shared database; null means the OS user (PostgreSQL's own default)
   * @param directories where the embedded database lives
   */
  public DatabaseSettings(String url, String user, AppDirectories directories) {
    this(url, user, directories, null);
  }

  /**
   * @param sslRootCert the CA certificate (PEM file) a shared server's certificate must be signed
   *     by, {@value #SYSTEM_TRUST} for the Java trust store, or null for PostgreSQL's default
   *     ({@code ~/.postgresql/root.crt})
   */
  public DatabaseSettings(String url, String user, AppDirectories directories, String sslRootCert) {
    if (directories == null) {
      throw new IllegalArgumentException("directories are missing");
    }
    this.url = url == null || url.isBlank() ? null : JdbcUrl.parse(url.trim());
    this.user = user == null || user.isBlank() ? null : user.trim();
    this.directories = directories;
    this.sslRootCert = sslRootCert == null || sslRootCert.isBlank() ? null : sslRootCert.trim();
    if (this.url != null) {
      if (!this.url.secrets().isEmpty()) {
        warnings.add(
            "the database URL contains a password: Evalstation took it out of the URL and never"
                + " shows or saves it, but other users of this machine may see it in the process"
                + " list or your shell history; keep it in ~/.pgpass (mode 0600) instead");
      }
      sslWarning().ifPresent(warnings::add);
    }
  }

  /** The JDBC URL without any password, or null for the embedded database. */
  public String url() {
    return url == null ? null : url.withoutSecrets();
  }

  /** The user name set for the shared database, or null (the OS user). */
  public String user() {
    return user;
  }

  /** Where Evalstation's files are. */
  public AppDirectories directories() {
    return directories;
  }

  /** The root certificate setting for a shared server, if any. */
  public Optional<String> sslRootCert() {
    return Optional.ofNullable(sslRootCert);
  }

  /** What the user should know about these settings (a password in the URL, weak TLS). */
  public List<String> warnings() {
    return List.copyOf(warnings);
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
    String rootCert =
        first(
            env.get("EVALSTATION_DB_SSLROOTCERT"),
            settings.get(Settings.DATABASE_SSLROOTCERT).orElse(null));
    return new DatabaseSettings(url, user, dirs, rootCert);
  }

  /** The user to connect as. */
  public String effectiveUser() {
    return Optional.ofNullable(user).orElse(System.getProperty("user.name"));
  }

  /** The secrets written in the URL ({@code password}, {@code sslpassword}); only to connect. */
  Properties secretsFromUrl() {
    return url == null ? new Properties() : url.secrets();
  }

  /** Host, port and database of the shared server (for {@code ~/.pgpass}). */
  JdbcUrl target() {
    return url;
  }

  /**
   * The connection properties of the shared database that are not in its URL: the user, and TLS for
   * a server on another host ({@code sslmode=verify-full} with the root certificate setting). No
   * password: that comes from the URL, {@code ~/.pgpass} or a prompt.
   */
  public Properties connectionProperties() {
    Properties props = new Properties();
    if (url == null) {
      return props;
    }
    props.setProperty("user", effectiveUser());
    if (!url.loopback()) {
      if (url.sslMode().isEmpty()) {
        props.setProperty("sslmode", "verify-full");
      }
      if (sslRootCert != null && url.parameter("sslrootcert").isEmpty()) {
        if (sslRootCert.equalsIgnoreCase(SYSTEM_TRUST)) {
          props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        } else {
          props.setProperty("sslrootcert", sslRootCert);
        }
      }
    }
    return props;
  }

  /** What to check when TLS to a shared server failed, or empty. */
  String tlsHint(String failure) {
    String f = failure == null ? "" : failure.toLowerCase(Locale.ROOT);
    boolean tls =
        f.contains("ssl")
            || f.contains("certificate")
            || f.contains("root.crt")
            || f.contains("pkix");
    if (url == null || url.loopback() || !tls) {
      return "";
    }
    return " (Evalstation checks the server's certificate: set database.sslrootcert or"
        + " EVALSTATION_DB_SSLROOTCERT to the CA certificate that signed it, or to '"
        + SYSTEM_TRUST
        + "' for the Java trust store)";
  }

  /** A warning when the URL asks for less than a verified TLS connection to another host. */
  private Optional<String> sslWarning() {
    Optional<String> mode = url.sslMode();
    if (url.loopback() || mode.isEmpty()) {
      return Optional.empty();
    }
    String m = mode.get().toLowerCase(Locale.ROOT);
    if (m.equals("verify-full")) {
      return Optional.empty();
    }
    if (!SSL_MODES.contains(m)) {
      throw new IllegalArgumentException(
          "sslmode '" + mode.get() + "' in the database URL is not one of " + SSL_MODES);
    }
    String lacks =
        m.equals("verify-ca")
            ? "does not check that the certificate names " + url.hosts()
            : "does not check the server's certificate";
    return Optional.of(
        "sslmode="
            + m
            + " in the database URL "
            + lacks
            + ": someone between this machine and "
            + url.hosts()
            + " could read or change what Evalstation sends, passwords included. Evalstation uses"
            + " verify-full when the URL says nothing (database.sslrootcert names the CA"
            + " certificate)");
  }

  @Override
  public String toString() {
    return embedded()
        ? "embedded PostgreSQL (" + directories.embeddedDatabase() + ")"
        : url() + (user == null ? "" : " as " + user);
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
