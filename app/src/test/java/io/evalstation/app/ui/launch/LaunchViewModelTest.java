package io.evalstation.app.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.data.ViewQueries;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.analytics.AnalyticsRepository;
import io.evalstation.persistence.analytics.DurationEstimate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Launch ViewModel on the real analytics and job-script rendering, with the same-thread
 * executor.
 */
class LaunchViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.OPERATIONS);
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @Test
  void launchCountsTheGridEstimatesFromHistoryAndPutsErrorsBesideTheirFields() {
    ViewQueries queries = new ViewQueries(harness.db.dsl());
    AnalyticsRepository analytics = new AnalyticsRepository(harness.db.dsl());
    LaunchViewModel vm =
        new LaunchViewModel(
            new LaunchViewModel.Backend() {
              @Override
              public List<String> clusters() {
                return harness.context.clusterProfiles().list().stream()
                    .map(p -> p.name())
                    .toList();
              }

              @Override
              public List<String> presets() {
                return List.of("fast", "balanced", "thorough");
              }

              @Override
              public List<String> models() {
                return queries.models().stream().map(ModelInfo::name).toList();
              }

              @Override
              public List<String> datasets() {
                return queries.datasets().stream().map(DatasetInfo::name).toList();
              }

              @Override
              public Optional<Duration> estimate(
                  String model, String dataset, String preset, Integer samples) {
                return analytics
                    .estimateDuration(model, dataset, preset, samples)
                    .map(DurationEstimate::estimate);
              }

              @Override
              public List<JobScripts.RenderedJob> preview(LaunchService.LaunchRequest r) {
                return harness.context.launchService().dryRun(r);
              }

              @Override
              public LaunchService.LaunchResult launch(LaunchService.LaunchRequest r) {
                return harness.context.launchService().launch(r);
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
    assertThat(vm.estimateProperty().get()).isNotEmpty();
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
