package io.evalstation.persistence.sample;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Options;
import io.evalstation.persistence.files.demo.ShippedSamples;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.sample.SampleDataSeeder.Outcome;
import io.evalstation.persistence.sample.SampleDataSeeder.Result;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-start sample import on a real embedded PostgreSQL. */
class SampleDataSeederTest {
  @Test
  void aNewDatabaseIsSeededOnceAndNeverAgain(@TempDir Path dir) {
    int expectedSessions = ShippedSamples.LEGACY.sessions() + 1;
    long sessions;
    long predictions;
    try (Database db = TestDatabase.open(dir)) {
      SampleDataSeeder seeder = new SampleDataSeeder(db);
      assertThat(seeder.state()).isNull();
      Result first = seeder.seedIfNew();
      assertThat(first.outcome()).as(first.detail()).isEqualTo(Outcome.SEEDED);
      assertThat(first.sessions()).isEqualTo(expectedSessions);
      sessions = db.dsl().fetchCount(EVALUATION_SESSIONS);
      predictions = db.dsl().fetchCount(PREDICTIONS);
      assertThat(sessions).isEqualTo(expectedSessions);
      assertThat(predictions).isEqualTo(first.predictions()).isPositive();
      assertThat(seeder.state()).startsWith("imported " + expectedSessions + " sample sessions");

      Result again = seeder.seedIfNew();
      assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
      assertThat(db.dsl().fetchCount(EVALUATION_SESSIONS)).isEqualTo(sessions);
      // The user deletes the samples: they must not come back on the next start.
      db.dsl().deleteFrom(EVALUATION_SESSIONS).execute();
    }
    try (Database db = TestDatabase.open(dir)) {
      Result secondStart = new SampleDataSeeder(db).seedIfNew();
      assertThat(secondStart.outcome()).isEqualTo(Outcome.ALREADY_DONE);
      assertThat(db.dsl().fetchCount(EVALUATION_SESSIONS)).isZero();
      assertThat(db.dsl().fetchCount(PREDICTIONS)).isZero();
    }
  }

  @Test
  void aDatabaseWithSessionsIsNeverSeeded(@TempDir Path dir) {
    Path corpus = dir.resolve("corpus");
    new DemoCorpusGenerator(Options.of(2, 99).withPredictionsPerTask(5)).generate(corpus);
    try (Database db = TestDatabase.open(dir.resolve("db"))) {
      new Importer(db, new ImportOptions(ZoneOffset.UTC)).importPaths(List.of(corpus));
      int before = db.dsl().fetchCount(EVALUATION_SESSIONS);
      assertThat(before).isEqualTo(2);
      SampleDataSeeder seeder = new SampleDataSeeder(db);
      assertThat(seeder.seedIfNew().outcome()).isEqualTo(Outcome.SKIPPED_NOT_EMPTY);
      assertThat(seeder.state()).startsWith("skipped");
      db.dsl().deleteFrom(EVALUATION_SESSIONS).execute();
      assertThat(seeder.seedIfNew().outcome()).isEqualTo(Outcome.ALREADY_DONE);
      assertThat(db.dsl().fetchCount(EVALUATION_SESSIONS)).isZero();
    }
  }
}
