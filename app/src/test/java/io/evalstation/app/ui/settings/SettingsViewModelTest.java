package io.evalstation.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.db.ConnectionProbe;
import io.evalstation.persistence.db.PgPass;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Settings ViewModel without a screen, on a real embedded PostgreSQL. */
class SettingsViewModelTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.OPERATIONS);
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @Test
  void settingsValidateTheUrlTestTheDatabaseAndNeverStoreAPassword() {
    UiPreferences prefs = new UiPreferences(harness.context.settings(), tasks);
    SettingsViewModel vm =
        new SettingsViewModel(
            prefs,
            new ConnectionProbe(PgPass.read(Path.of("/nonexistent"))),
            () -> "embedded ok",
            harness.context.clusterService(),
            harness.context.jobTemplates(),
            tasks);
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
    assertThat(harness.context.settings().get("ui.theme")).contains("dark");
    prefs.themeProperty().set(UiPreferences.Theme.LIGHT);
  }
}
