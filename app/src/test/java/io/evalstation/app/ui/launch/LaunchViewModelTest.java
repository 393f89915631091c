package io.evalstation.app.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.service.LaunchService;
import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import java.util.List;
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
    LaunchViewModel vm =
        new LaunchViewModel(
            harness.context.launchService(),
            harness.context.clusterService(),
            harness.context.registry(),
            harness.context.analytics().estimates(),
            harness.context.jobScripts(),
            cluster -> {},
            tasks);
    vm.refresh();
    assertThat(vm.models()).hasSize(3);
    assertThat(vm.errorProperty(LaunchViewModel.Field.CLUSTER).get())
        .startsWith("No cluster configured");
    vm.submit();
    assertThat(vm.errorProperty(LaunchViewModel.Field.MODELS).get())
        .isEqualTo("Check at least one model");
    assertThat(vm.errorProperty(LaunchViewModel.Field.DATASETS).get())
        .isEqualTo("Check at least one dataset");
    vm.chosenModels().add("Qwen2.5-7B-Instruct");
    vm.chosenModels().add("Llama-3.1-8B-Instruct");
    vm.chosenDatasets().add("gsm8k");
    assertThat(vm.taskCountProperty().get()).isEqualTo("2 tasks");
    assertThat(vm.estimateProperty().get())
        .isEqualTo(
            LaunchService.estimate(
                    harness.context.jobScripts(),
                    harness.context.analytics().estimates(),
                    List.of("Qwen2.5-7B-Instruct", "Llama-3.1-8B-Instruct"),
                    List.of("gsm8k"),
                    vm.presetProperty().get(),
                    null)
                .describe(Durations::format))
        .isNotEmpty();
    vm.sampleLimitProperty().set("-3");
    assertThat(vm.errorProperty(LaunchViewModel.Field.SAMPLE_LIMIT).get())
        .startsWith("Expected a whole number");
    vm.sampleLimitProperty().set("20");
    vm.categoryProperty().set("math; rm -rf /");
    vm.preview();
    assertThat(vm.errorProperty(LaunchViewModel.Field.CATEGORY).get()).contains("category");
    assertThat(vm.previewProperty().get()).isEmpty();
    vm.categoryProperty().set("math");
    vm.preview();
    assertThat(vm.errorProperty(LaunchViewModel.Field.CATEGORY).get()).isEmpty();
    assertThat(vm.previewProperty().get()).contains("#SBATCH").contains("Qwen2.5-7B-Instruct");
    vm.submit();
    assertThat(vm.errorProperty(LaunchViewModel.Field.CLUSTER).get())
        .startsWith("Choose a cluster");
  }
}
