package io.evalstation.app.ui.registry;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.model.DatasetInfo;
import org.junit.jupiter.api.Test;

/** The registry ViewModel without a screen: same-thread executor, real embedded PostgreSQL. */
class RegistryViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.OPERATIONS);
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @Test
  void registryFiltersAndSavesEdits() {
    RegistryViewModel vm = new RegistryViewModel(harness.context.registry(), tasks);
    vm.refresh();
    assertThat(vm.models()).hasSize(3);
    assertThat(vm.datasets()).hasSize(4);
    vm.filterProperty().set("REASONING");
    assertThat(vm.datasets()).extracting(DatasetInfo::name).containsExactly("arc_challenge");
    assertThat(vm.summaryProperty().get()).isEqualTo("0 of 3 models · 1 of 4 datasets");
    DatasetInfo arc = vm.datasets().get(0);
    vm.save(
        new DatasetInfo(
            arc.name(), arc.taskType(), "science", 1172, arc.filePath(), "arc_challenge"));
    assertThat(
            harness
                .db
                .dsl()
                .select(DATASETS.CATEGORY)
                .from(DATASETS)
                .where(DATASETS.DATASET_NAME.eq("arc_challenge"))
                .fetchOne()
                .value1())
        .isEqualTo("science");
    assertThat(vm.datasets()).isEmpty(); // "reasoning" no longer matches
    vm.save(new DatasetInfo("no-such-dataset", null, null, null, null, null));
    assertThat(vm.errorProperty().get()).contains("no-such-dataset").contains("does not exist");
    vm.save(
        new DatasetInfo(
            arc.name(), arc.taskType(), "reasoning", 1172, arc.filePath(), "arc_challenge"));
  }
}
