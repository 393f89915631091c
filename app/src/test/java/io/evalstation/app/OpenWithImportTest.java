package io.evalstation.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.Importer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening result files with Evalstation: which arguments are files, and their import. */
class OpenWithImportTest {
  @TempDir Path dir;

  @Test
  void argumentsThatAreAllExistingFilesAreOpened() throws IOException {
    Path a = Files.writeString(dir.resolve("evaluation_session_20250919_042241.json"), "{}");
    Path b = Files.writeString(dir.resolve("results_2025-01-01T00-00-00.json"), "{}");

    assertThat(OpenWithImport.filesToOpen(List.of(a.toString(), b.toString())))
        .contains(List.of(a.toAbsolutePath(), b.toAbsolutePath()));
  }

  @Test
  void verbsOptionsFoldersAndMissingFilesStayACommandLine() throws IOException {
    Path file = Files.writeString(dir.resolve("results.json"), "{}");

    assertThat(OpenWithImport.filesToOpen(List.of("db", "info"))).isEmpty();
    assertThat(OpenWithImport.filesToOpen(List.of("--help"))).isEmpty();
    assertThat(OpenWithImport.filesToOpen(List.of(dir.toString()))).isEmpty();
    assertThat(OpenWithImport.filesToOpen(List.of(dir.resolve("missing.json").toString())))
        .isEmpty();
    assertThat(OpenWithImport.filesToOpen(List.of(file.toString(), "--json"))).isEmpty();
    assertThat(OpenWithImport.filesToOpen(List.of())).isEmpty();
  }

  @Test
  void anOpenedLmEvalResultsFileIsImportedWithItsSamplesAndReported() {
    Path results =
        lmEvalData().resolve("containers__olot").resolve("results_2025-04-30T18-24-41.082644.json");
    try (Database db = openDatabase()) {
      OpenWithImport.Report first =
          OpenWithImport.importFiles(new Importer(db, ImportOptions.defaults()), List.of(results));
      OpenWithImport.Report again =
          OpenWithImport.importFiles(new Importer(db, ImportOptions.defaults()), List.of(results));

      assertThat(first.ok()).as(first.text()).isTrue();
      assertThat(first.text()).startsWith("Imported " + results).contains("1 task(s)");
      assertThat(again.ok()).isTrue();
      assertThat(again.text()).startsWith("Already imported, unchanged: " + results);
      assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("evaluation_sessions"))).isEqualTo(1);
    }
  }

  @Test
  void aJsonFileOfNeitherFormatIsReportedNotThrown() throws IOException {
    Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"left-pad\"}");
    try (Database db = openDatabase()) {
      OpenWithImport.Report report =
          OpenWithImport.importFiles(new Importer(db, ImportOptions.defaults()), List.of(other));

      assertThat(report.ok()).isFalse();
      assertThat(report.text()).contains(other.toString());
      assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("evaluation_sessions"))).isZero();
    }
  }

  private Database openDatabase() {
    return Database.open(
        DatabaseSettings.embedded(new AppDirectories(dir.resolve("c"), dir.resolve("d"))),
        Database.PasswordPrompt.none());
  }

  /**
   * ../shared/data/lm-eval above the working directory; the test is skipped, saying so, without.
   */
  private static Path lmEvalData() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolveSibling("shared").resolve("data").resolve("lm-eval");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    assumeTrue(false, "shared/data/lm-eval is absent: the real lm-eval import cannot be checked");
    return null;
  }
}
