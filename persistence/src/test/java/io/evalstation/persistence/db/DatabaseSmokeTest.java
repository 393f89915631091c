package io.evalstation.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSmokeTest {
  @TempDir Path dir;

  @Test
  void opensEmbeddedDatabaseAndMigrates() {
    try (Database db = TestDatabase.open(dir)) {
      assertThat(db.isEmbedded()).isTrue();
      assertThat(db.schemaVersion()).contains(db.latestKnownVersion());
      assertThat(db.dsl().fetchCount(db.dsl().selectFrom("metric_definitions"))).isPositive();
    }
  }
}
