package io.evalstation.persistence.db;

import io.evalstation.persistence.config.Secrets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL JDBC URL as pgjdbc reads it, with its secrets (any parameter named like a password)
 * held apart: {@link #withoutSecrets()} is the only form that is ever shown, logged or saved.
 */
final class JdbcUrl {
  private static final String PREFIX = "jdbc:postgresql:";

  private final String clean;
  private final Properties parsed;
  private final Properties secrets;

  private JdbcUrl(String clean, Properties parsed, Properties secrets) {
    this.clean = clean;
    this.parsed = parsed;
    this.secrets = secrets;
  }

  /** Parses a URL; the error names what is wrong and never repeats a password. */
  static JdbcUrl parse(String url) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "database URL '"
              + Secrets.redact(url)
              + "' is not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database)");
    }
    if (Secrets.hasUserInfo(url)) {
      throw new IllegalArgumentException(
          "database URL '"
              + Secrets.redact(url)
              + "' has a user:password@ part, which PostgreSQL's driver does not read: give the"
              + " user with --db-user or database.user, the password in ~/.pgpass");
    }
    Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
    if (parsed == null) {
      throw new IllegalArgumentException(
          "database URL '"
              + Secrets.redact(url)
              + "' cannot be read (expected jdbc:postgresql://host:port/database?key=value&...)");
    }
    Properties secrets = new Properties();
    for (String key : parsed.stringPropertyNames()) {
      if (key.toLowerCase(Locale.ROOT).contains("password")) {
        secrets.setProperty(key, parsed.getProperty(key));
        parsed.remove(key);
      }
    }
    return new JdbcUrl(Secrets.withoutPasswordParameters(url), parsed, secrets);
  }

  /** The URL with every password parameter removed. */
  String withoutSecrets() {
    return clean;
  }

  /** The password the URL carried, if any. */
  Optional<String> password() {
    return Optional.ofNullable(secrets.getProperty("password"));
  }

  /** Every secret the URL carried ({@code password}, {@code sslpassword}), as driver properties. */
  Properties secrets() {
    Properties copy = new Properties();
    copy.putAll(secrets);
    return copy;
  }

  /** A URL parameter (decoded), if present; never a password. */
  Optional<String> parameter(String name) {
    return Optional.ofNullable(parsed.getProperty(name));
  }

  /** The sslmode the URL asks for, if any. */
  Optional<String> sslMode() {
    return parameter("sslmode");
  }

  /** The host names, comma-separated as in the URL. */
  String hosts() {
    return parsed.getProperty("PGHOST", "localhost");
  }

  /** The first host. */
  String host() {
    return hosts().split(",")[0];
  }

  /** The first host's port. */
  int port() {
    return Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
  }

  /** The database name; PostgreSQL's default is the user name. */
  String database(String user) {
    return parsed.getProperty("PGDBNAME", user);
  }

  /** True when every host is this machine (loopback): there, TLS protects nothing. */
  boolean loopback() {
    return Arrays.stream(hosts().split(",")).allMatch(JdbcUrl::isLoopback);
  }

  private static boolean isLoopback(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  @Override
  public String toString() {
    return clean;
  }
}
