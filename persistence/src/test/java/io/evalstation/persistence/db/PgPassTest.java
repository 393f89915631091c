package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassTest {
  @TempDir Path dir;

  @Test
  void findsTheFirstMatchingEntryWithWildcardsAndEscapes() throws Exception {
    Path file = dir.resolve(".pgpass");
    Files.write(
        file,
        List.of(
            "# comment",
            "db.lab:5432:evals:ada:first\\:pw",
            "*:*:evals:*:fallback",
            "db.lab:*:*:bob:b\\\\ob"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    PgPass p = PgPass.read(file);
    assertThat(p.find("db.lab", 5432, "evals", "ada")).contains("first:pw");
    assertThat(p.find("other", 6543, "evals", "carol")).contains("fallback");
    assertThat(p.find("db.lab", 1, "x", "bob")).contains("b\\ob");
    assertThat(p.find("db.lab", 1, "x", "eve")).isEmpty();
    assertThat(PgPass.read(dir.resolve("missing")).find("h", 1, "d", "u")).isEmpty();
  }

  @Test
  void resolvesOptionOverEnvironmentOverSettingsAndRejectsNonPostgresUrls() {
    AppDirectories dirs = new AppDirectories(dir, dir);
    Settings settings =
        Settings.load(dir.resolve("s.properties"))
            .put(Settings.DATABASE_URL, "jdbc:postgresql://file/db");
    assertThat(DatabaseSettings.resolve(null, null, Map.of(), settings, dirs).url())
        .isEqualTo("jdbc:postgresql://file/db");
    assertThat(
            DatabaseSettings.resolve(
                    null,
                    null,
                    Map.of("EVALSTATION_DB_URL", "jdbc:postgresql://env/db"),
                    settings,
                    dirs)
                .url())
        .isEqualTo("jdbc:postgresql://env/db");
    assertThat(
            DatabaseSettings.resolve(
                    "jdbc:postgresql://opt/db",
                    null,
                    Map.of("EVALSTATION_DB_URL", "jdbc:postgresql://env/db"),
                    settings,
                    dirs)
                .url())
        .isEqualTo("jdbc:postgresql://opt/db");
    assertThat(
            DatabaseSettings.resolve(null, null, Map.of(), Settings.load(dir.resolve("none")), dirs)
                .embedded())
        .isTrue();
    assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://x/y", null, dirs))
        .hasMessageContaining("'jdbc:mysql://x/y' is not a PostgreSQL JDBC URL");
  }

  @Test
  void aPasswordFileOthersCanReadIsIgnoredWithAWarningAsLibpqDoes() throws Exception {
    Path file = dir.resolve(".pgpass");
    Files.write(file, List.of("db.lab:5432:evals:ada:secret"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    PgPass open = PgPass.read(file);
    assertThat(open.find("db.lab", 5432, "evals", "ada")).isEmpty();
    assertThat(open.ignoredBecause())
        .get()
        .asString()
        .contains("has group or world access")
        .contains("chmod 600");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(PgPass.read(file).find("db.lab", 5432, "evals", "ada")).contains("secret");
    assertThat(PgPass.read(file).ignoredBecause()).isEmpty();
  }
}
