package io.evalstation.persistence.db;

import io.evalstation.persistence.config.AppDirectories;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Tries a PostgreSQL URL the way Evalstation would open it (password from ~/.pgpass, never typed
 * into settings) and says what it found; also checks that an open database still answers. Blocks on
 * the network: call it off the FX thread.
 */
public final class ConnectionProbe {
  private final PgPass pgPass;

  /** A probe that takes passwords from {@code pgPass}. */
  public ConnectionProbe(PgPass pgPass) {
    this.pgPass = pgPass;
  }

  /**
   * Connects, asks the server's version and closes.
   *
   * @return "Connected as USER: PostgreSQL VERSION"
   * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
   * @throws DatabaseUnavailableException with the driver's reason when it cannot connect
   */
  public String probe(String url, String user) {
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "database URL '" + url + "' does not start with jdbc:postgresql://");
    }
    // The same TLS rules as the app's own connection (verify-full for another host).
    Properties props =
        new DatabaseSettings(url, user, AppDirectories.forCurrentUser()).connectionProperties();
    String who = user == null || user.isBlank() ? System.getProperty("user.name") : user.trim();
    props.setProperty("user", who);
    props.setProperty("connectTimeout", "5");
    props.setProperty("loginTimeout", "5");
    Properties parsed = org.postgresql.Driver.parseURL(url, null);
    if (parsed == null) {
      throw new IllegalArgumentException("database URL '" + url + "' is not a PostgreSQL URL");
    }
    String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
    int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
    String db = parsed.getProperty("PGDBNAME", who);
    pgPass.find(host, port, db, who).ifPresent(pw -> props.setProperty("password", pw));
    try (Connection c = DriverManager.getConnection(url, props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select version()")) {
      rs.next();
      String v = rs.getString(1);
      int comma = v.indexOf(',');
      return "Connected as " + who + ": " + (comma > 0 ? v.substring(0, comma) : v);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e.getMessage(), e);
    }
  }

  /**
   * Checks that the open database answers a query.
   *
   * @return "Connected: " and the database's description
   */
  public static String check(Database db) {
    db.dsl().selectOne().fetch();
    return "Connected: " + db.describe();
  }
}
