package io.evalstation.app.ui.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.Importer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Import ViewModel on the real importer and a database of its own, without a screen. */
class ImportViewModelTest {
  @TempDir static Path dir;
  private static UiHarness harness;
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @BeforeAll
  static void database() {
    harness = UiHarness.open(dir, UiHarness.Fixture.NONE);
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  @Test
  void importsACorpusThenFindsItUnchangedTheSecondTime() {
    Path corpus = dir.resolve("vm-corpus");
    new DemoCorpusGenerator(DemoCorpusGenerator.Options.of(2, 5).withPredictionsPerTask(10))
        .generate(corpus);
    ImportViewModel vm =
        new ImportViewModel(new Importer(harness.db, ImportOptions.defaults()), tasks);
    vm.add(List.of(corpus, corpus));
    assertThat(vm.paths()).hasSize(1);
    vm.start();
    assertThat(vm.work().runningProperty().get()).isFalse();
    assertThat(vm.work().statusProperty().get()).isEqualTo("Import finished");
    assertThat(vm.results()).hasSize(2).allMatch(u -> u.outcome() == ImportOutcome.IMPORTED);
    assertThat(vm.summaryProperty().get()).startsWith("2 imported");
    vm.start();
    assertThat(vm.results()).allMatch(u -> u.outcome() == ImportOutcome.UNCHANGED);
    vm.clear();
    assertThat(vm.paths()).isEmpty();
  }
}
