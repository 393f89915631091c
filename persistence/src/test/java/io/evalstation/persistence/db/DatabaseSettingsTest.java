package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.persistence.config.AppDirectories;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password in a database URL is taken out of it (used to connect, never shown); a shared server
 * on another host is reached with a verified certificate unless the URL says otherwise, and then
 * with a warning.
 */
class DatabaseSettingsTest {
  @TempDir Path dir;

  private DatabaseSettings settings(String url) {
    return new DatabaseSettings(url, "ada", new AppDirectories(dir, dir));
  }

  @Test
  void aPasswordInTheUrlIsTakenOutAndNeverShown() {
    DatabaseSettings s =
        settings("jdbc:postgresql://db.lab:5432/evals?sslmode=verify-full&password=hunter2&x=1");
    assertThat(s.url()).isEqualTo("jdbc:postgresql://db.lab:5432/evals?sslmode=verify-full&x=1");
    assertThat(s.toString()).doesNotContain("hunter2");
    assertThat(s.secretsFromUrl().getProperty("password")).isEqualTo("hunter2");
    assertThat(s.connectionProperties().toString()).doesNotContain("hunter2");
    assertThat(s.warnings()).singleElement().asString().contains("~/.pgpass");
    assertThat(String.join(" ", s.warnings())).doesNotContain("hunter2");

    assertThat(settings("jdbc:postgresql://db.lab/evals?pass%77ord=s3cret").url())
        .isEqualTo("jdbc:postgresql://db.lab/evals");
    assertThat(settings("jdbc:postgresql://db.lab/evals?sslpassword=k3y").url())
        .isEqualTo("jdbc:postgresql://db.lab/evals");
  }

  @Test
  void errorsAboutAUrlNeverRepeatItsPassword() {
    assertThatThrownBy(() -> settings("jdbc:mysql://x/y?password=hunter2"))
        .hasMessageContaining("is not a PostgreSQL JDBC URL")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> settings("jdbc:postgresql://ada:hunter2@db.lab/evals"))
        .hasMessageContaining("user:password@")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anotherHostIsReachedWithAVerifiedCertificateByDefault() {
    Properties remote = settings("jdbc:postgresql://db.lab:5432/evals").connectionProperties();
    assertThat(remote.getProperty("sslmode")).isEqualTo("verify-full");
    assertThat(settings("jdbc:postgresql://db.lab/evals").warnings()).isEmpty();

    Properties local = settings("jdbc:postgresql://localhost:5432/evals").connectionProperties();
    assertThat(local.getProperty("sslmode")).isNull();
    assertThat(settings("jdbc:postgresql://127.0.0.1/evals").connectionProperties())
        .doesNotContainKey("sslmode");

    DatabaseSettings withRoot =
        new DatabaseSettings(
            "jdbc:postgresql://db.lab/evals",
            null,
            new AppDirectories(dir, dir),
            "/etc/lab-ca.pem");
    assertThat(withRoot.connectionProperties().getProperty("sslrootcert"))
        .isEqualTo("/etc/lab-ca.pem");
    DatabaseSettings system =
        new DatabaseSettings(
            "jdbc:postgresql://db.lab/evals", null, new AppDirectories(dir, dir), "system");
    assertThat(system.connectionProperties().getProperty("sslfactory"))
        .isEqualTo("org.postgresql.ssl.DefaultJavaSSLFactory");
  }

  @Test
  void loweringTheCheckInTheUrlIsWarnedAbout() {
    DatabaseSettings require = settings("jdbc:postgresql://db.lab/evals?sslmode=require");
    assertThat(require.connectionProperties()).doesNotContainKey("sslmode"); // the URL's own wins
    assertThat(require.warnings())
        .singleElement()
        .asString()
        .contains("sslmode=require")
        .contains("does not check the server's certificate");
    assertThat(settings("jdbc:postgresql://db.lab/evals?sslmode=verify-ca").warnings())
        .singleElement()
        .asString()
        .contains("does not check that the certificate names db.lab");
    assertThat(settings("jdbc:postgresql://localhost/evals?sslmode=disable").warnings()).isEmpty();
    assertThatThrownBy(() -> settings("jdbc:postgresql://db.lab/evals?sslmode=sometimes"))
        .hasMessageContaining("sslmode 'sometimes'");
  }
}
