package io.evalstation.persistence.sample;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Format;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Options;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Summary;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.ImportReport;
import io.evalstation.persistence.importer.Importer;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator writes, the importer reads completely (real embedded PostgreSQL). */
class GeneratedCorpusImportTest {
  @Test
  void bothFormatsImportWithEveryPrediction(@TempDir Path dir) {
    Summary sum =
        new DemoCorpusGenerator(Options.of(5, 8).withFormat(Format.BOTH).withPredictionsPerTask(15))
            .generate(dir.resolve("corpus"));
    try (Database db = TestDatabase.open(dir.resolve("db"))) {
      ImportReport report =
          new Importer(db, new ImportOptions(ZoneOffset.UTC))
              .importPaths(List.of(dir.resolve("corpus")));
      assertThat(report.units())
          .allSatisfy(
              u ->
                  assertThat(u.outcome())
                      .as(u.mainFile() + ": " + u.reason())
                      .isEqualTo(ImportOutcome.IMPORTED));
      assertThat((long) db.dsl().fetchCount(PREDICTIONS))
          .isEqualTo(sum.legacyPredictions() + sum.lmEvalSampleLines());
      assertThat(db.dsl().fetchCount(EVALUATION_SESSIONS)).isGreaterThan(sum.sessions());
    }
  }
}
