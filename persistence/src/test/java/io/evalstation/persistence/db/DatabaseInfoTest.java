package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.persistence.SharedDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code db info} and the settings' connection test learn of a database. */
class DatabaseInfoTest {
  @RegisterExtension static final SharedDatabase shared = new SharedDatabase("shared");

  @Test
  void infoNamesTheDatabaseItsVersionsAndCountsTheMainTables() {
    Database db = shared.db();
    DatabaseInfo info = DatabaseInfo.read(db);
    assertThat(info.embedded()).isTrue();
    assertThat(info.description()).isEqualTo(db.describe()).startsWith("embedded PostgreSQL");
    assertThat(info.url()).isEqualTo(db.url());
    assertThat(info.serverVersion()).matches("\\d+\\.\\d+.*");
    assertThat(info.schemaVersion()).isEqualTo(db.latestKnownVersion());
    assertThat(info.rows().keySet()).containsExactlyElementsOf(DatabaseInfo.TABLES);
    assertThat(info.rows().get("metric_definitions")).isNull();
    assertThat(info.rows().values()).allMatch(n -> n >= 0);
  }

  @Test
  void theProbeSaysWhatIsWrongAndChecksAnOpenDatabase() {
    ConnectionProbe probe = new ConnectionProbe(PgPass.read(Path.of("/nonexistent")));
    assertThatThrownBy(() -> probe.probe("postgres://x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://");
    assertThatThrownBy(() -> probe.probe("jdbc:postgresql://127.0.0.1:1/nothing", "nobody"))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("127.0.0.1:1");
    assertThat(ConnectionProbe.check(shared.db()))
        .isEqualTo("Connected: " + shared.db().describe());
  }
}
