package io.evalstation.app.ui.settings;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.db.PgPass;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Tries a PostgreSQL URL the way the app would open it (password from ~/.pgpass, never typed into
 * settings) and says what it found. Runs off the FX thread.
 */
public final class ConnectionProbe {
  private final PgPass pgPass;

  public ConnectionProbe(PgPass pgPass) {
    this.pgPass = pgPass;
  }

  /** Connects, asks the server's version and closes; throws with a readable reason. */
  public String probe(String url, String user) throws SQLException {
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
    }
  }
}
