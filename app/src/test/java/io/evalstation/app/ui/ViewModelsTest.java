package io.evalstation.app.ui;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.dashboard.DashboardViewModel;
import io.evalstation.app.ui.detail.SessionDetailViewModel;
import io.evalstation.app.ui.registry.RegistryViewModel;
import io.evalstation.app.ui.settings.SettingsViewModel;
import io.evalstation.app.ui.shell.LiveNotifications;
import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.db.ConnectionProbe;
import io.evalstation.persistence.db.PgPass;
import io.evalstation.persistence.live.ChangeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operations ViewModels without a screen: same-thread executor, real embedded PostgreSQL. */
class ViewModelsTest {
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
  void registryFiltersAndSavesEdits() {
    RegistryViewModel vm = new RegistryViewModel(support.context.registry(), tasks);
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
            support
                .database
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

  @Test
  void sessionDetailShowsTasksKeyMetricsAndGrowingDurations() {
    SessionDetailViewModel vm =
        new SessionDetailViewModel(
            support.context.sessions(),
            support.context.keyResults(),
            support.context.performance(),
            tasks);
    vm.open(support.seeded.runningSession());
    assertThat(vm.rows()).hasSize(6);
    assertThat(vm.summaryProperty().get().session().key()).isEqualTo("grid-math-0312");
    assertThat(vm.rows().get(0).keyMetricText()).isEqualTo("exact_match 0.710");
    assertThat(vm.performance()).isNotEmpty();
    assertThat(vm.provenanceProperty().get()).contains("\"harness_version\" : \"0.4.8\"");
    var running = vm.rows().get(2).task();
    assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
    Duration now = SessionDetailViewModel.duration(running, Instant.now());
    Duration later = SessionDetailViewModel.duration(running, Instant.now().plusSeconds(5));
    assertThat(later).isGreaterThan(now);
    assertThat(SessionDetailViewModel.eta(running, Instant.now())).isNotNull();
    vm.open(support.seeded.failedSession());
    vm.selectedProperty().set(vm.rows().get(1));
    assertThat(vm.logProperty().get()).contains("OUT_OF_MEMORY").contains("CUDA out of memory");
    assertThat(vm.controlAvailableProperty().get()).isFalse();
  }

  @Test
  void dashboardListsActiveSessionsFirstWithResults() {
    DashboardViewModel vm =
        new DashboardViewModel(
            support.context.sessions(),
            support.context.keyResults(),
            support.context.performance(),
            tasks);
    vm.refresh();
    assertThat(vm.cards()).hasSize(3);
    assertThat(vm.cards().get(0).session().key()).isEqualTo("grid-math-0312");
    assertThat(vm.activeSessionsProperty().get()).isEqualTo(1);
    assertThat(vm.runningTasksProperty().get()).isEqualTo(2);
    assertThat(vm.results()).hasSize(9);
    assertThat(vm.performance()).isNotEmpty();
    assertThat(DashboardViewModel.eta(vm.cards().get(0), Instant.now())).isNotNull();
    assertThat(vm.clusterStateProperty().get()).isEqualTo("no cluster configured");
  }

  @Test
  void settingsValidateTheUrlTestTheDatabaseAndNeverStoreAPassword() {
    UiPreferences prefs = new UiPreferences(support.context.settings(), tasks);
    SettingsViewModel vm =
        new SettingsViewModel(
            prefs,
            tasks,
            new ConnectionProbe(PgPass.read(Path.of("/nonexistent"))),
            () -> "embedded ok");
    vm.embeddedProperty().set(false);
    vm.urlProperty().set("postgres://x");
    vm.testConnection();
    assertThat(vm.testOkProperty().get()).isFalse();
    assertThat(vm.urlErrorProperty().get()).contains("jdbc:postgresql://");
    vm.urlProperty().set("jdbc:postgresql://127.0.0.1:1/nothing");
    vm.testConnection();
    assertThat(vm.testOkProperty().get()).isFalse();
    assertThat(vm.testResultProperty().get()).startsWith("Failed:");
    vm.embeddedProperty().set(true);
    vm.testConnection();
    assertThat(vm.testResultProperty().get()).isEqualTo("embedded ok");
    prefs.themeProperty().set(UiPreferences.Theme.DARK);
    assertThat(support.context.settings().get("ui.theme")).contains("dark");
    prefs.themeProperty().set(UiPreferences.Theme.LIGHT);
  }

  @Test
  void noticesComeOnlyFromStateChanges() {
    List<LiveNotifications.Notice> got = new ArrayList<>();
    LiveNotifications n =
        new LiveNotifications(support.context.tasks(), support.context.sessions(), tasks, got::add);
    long failedTask =
        support
            .context
            .keyResults()
            .sessionTasks(support.seeded.failedSession())
            .get(1)
            .task()
            .id();
    long okTask =
        support
            .context
            .keyResults()
            .sessionTasks(support.seeded.failedSession())
            .get(0)
            .task()
            .id();
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "insert", failedTask, 0, 0));
    assertThat(got).isEmpty();
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "update", okTask, 0, 1));
    assertThat(got).isEmpty();
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "update", failedTask, 0, 1));
    assertThat(got).hasSize(1);
    assertThat(got.get(0).text()).contains("Qwen2.5-7B-Instruct on humaneval").contains("CUDA");
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "update", failedTask, 0, 2));
    assertThat(got).hasSize(1); // still failed: nothing new
    n.onChange(
        new ChangeEvent(
            ChangeEvent.Kind.SESSION, "update", support.seeded.completedSession(), 0, 1));
    assertThat(got).hasSize(2);
    assertThat(got.get(1).title()).isEqualTo("Session completed");
  }

  @Test
  void durationsAndEtas() {
    assertThat(Durations.format(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(Durations.format(Duration.ofSeconds(754))).isEqualTo("12 min 34 s");
    assertThat(Durations.format(Duration.ofMinutes(185))).isEqualTo("3 h 05 min");
    assertThat(Durations.format(null)).isEqualTo("–");
    assertThat(Durations.eta(Duration.ofMinutes(10), 1, 3)).isEqualTo(Duration.ofMinutes(20));
    assertThat(Durations.eta(Duration.ofMinutes(10), 0, 3)).isNull();
    assertThat(Durations.eta(Duration.ofMinutes(10), 3, 3)).isNull();
  }
}
