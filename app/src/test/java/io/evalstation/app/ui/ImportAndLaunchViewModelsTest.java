package io.evalstation.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.LaunchEstimate;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.imports.ImportViewModel;
import io.evalstation.app.ui.launch.LaunchViewModel;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.repo.RegistryRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Import and Launch ViewModels on the real importer, analytics and job-script rendering, with
 * the same-thread executor.
 */
class ImportAndLaunchViewModelsTest {
  private static UiTestSupport support;
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @BeforeAll
  static void database() throws Exception {
    support = new UiTestSupport(true);
  }

  @AfterAll
  static void close() {
    support.close();
  }

  @Test
  void importsACorpusThenFindsItUnchangedTheSecondTime() {
    Path corpus = support.dir.resolve("vm-corpus");
    new DemoCorpusGenerator(DemoCorpusGenerator.Options.of(2, 5).withPredictionsPerTask(10))
        .generate(corpus);
    ImportViewModel vm =
        new ImportViewModel(
            new Importer(support.database, ImportOptions.defaults())::importPaths, tasks);
    vm.add(List.of(corpus, corpus));
    assertThat(vm.paths()).hasSize(1);
    vm.start();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.statusProperty().get()).isEqualTo("Import finished");
    assertThat(vm.results()).hasSize(2).allMatch(u -> u.outcome() == ImportOutcome.IMPORTED);
    assertThat(vm.summaryProperty().get()).startsWith("2 imported");
    vm.start();
    assertThat(vm.results()).allMatch(u -> u.outcome() == ImportOutcome.UNCHANGED);
    vm.clear();
    assertThat(vm.paths()).isEmpty();
  }

  @Test
  void launchCountsTheGridEstimatesFromHistoryAndPutsErrorsBesideTheirFields() {
    RegistryRepository registry = new RegistryRepository(support.database);
    Analytics analytics = new Analytics(support.database);
    LaunchViewModel vm =
        new LaunchViewModel(
            new LaunchViewModel.Backend() {
              @Override
              public List<String> clusters() {
                return support.context.clusterProfiles().list().stream()
                    .map(p -> p.name())
                    .toList();
              }

              @Override
              public List<String> presets() {
                return List.of("fast", "balanced", "thorough");
              }

              @Override
              public List<String> models() {
                return registry.listModels(null, null).stream().map(ModelInfo::name).toList();
              }

              @Override
              public List<String> datasets() {
                return registry.listDatasets(null, null).stream().map(DatasetInfo::name).toList();
              }

              @Override
              public LaunchEstimate estimate(
                  List<String> models, List<String> datasets, String preset, Integer samples) {
                return LaunchService.estimate(
                    support.context.jobScripts(),
                    analytics.estimates(),
                    models,
                    datasets,
                    preset,
                    samples);
              }

              @Override
              public List<JobScripts.RenderedJob> preview(LaunchService.LaunchRequest r) {
                return support.context.launchService().dryRun(r);
              }

              @Override
              public LaunchService.LaunchResult launch(LaunchService.LaunchRequest r) {
                return support.context.launchService().launch(r);
              }
            },
            tasks);
    vm.refresh();
    assertThat(vm.models()).hasSize(3);
    assertThat(vm.clusterErrorProperty().get()).startsWith("No cluster configured");
    vm.submit();
    assertThat(vm.modelsErrorProperty().get()).isEqualTo("Check at least one model");
    assertThat(vm.datasetsErrorProperty().get()).isEqualTo("Check at least one dataset");
    vm.chosenModels().add("Qwen2.5-7B-Instruct");
    vm.chosenModels().add("Llama-3.1-8B-Instruct");
    vm.chosenDatasets().add("gsm8k");
    assertThat(vm.taskCountProperty().get()).isEqualTo("2 tasks");
    assertThat(vm.estimateProperty().get())
        .isEqualTo(
            LaunchService.estimate(
                    support.context.jobScripts(),
                    analytics.estimates(),
                    List.of("Qwen2.5-7B-Instruct", "Llama-3.1-8B-Instruct"),
                    List.of("gsm8k"),
                    vm.presetProperty().get(),
                    null)
                .describe(Durations::format))
        .isNotEmpty();
    vm.sampleLimitProperty().set("-3");
    assertThat(vm.sampleLimitErrorProperty().get()).startsWith("Expected a whole number");
    vm.sampleLimitProperty().set("20");
    vm.categoryProperty().set("math; rm -rf /");
    vm.preview();
    assertThat(vm.categoryErrorProperty().get()).contains("category");
    assertThat(vm.previewProperty().get()).isEmpty();
    vm.categoryProperty().set("math");
    vm.preview();
    assertThat(vm.categoryErrorProperty().get()).isEmpty();
    assertThat(vm.previewProperty().get()).contains("#SBATCH").contains("Qwen2.5-7B-Instruct");
    vm.submit();
    assertThat(vm.clusterErrorProperty().get()).startsWith("Choose a cluster");
  }
}
