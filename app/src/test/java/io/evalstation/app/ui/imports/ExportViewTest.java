package io.evalstation.app.ui.imports;

import static io.evalstation.app.ui.UiHarness.choose;
import static io.evalstation.app.ui.UiHarness.onFx;
import static io.evalstation.app.ui.UiHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.imports.ExportViewModel.What;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Import / Export page on a real embedded PostgreSQL: export the view shown before. */
@ExtendWith(ApplicationExtension.class)
class ExportViewTest {
  @TempDir static Path dir;
  static UiHarness harness;

  @BeforeAll
  static void data() {
    harness = UiHarness.open(dir, UiHarness.Fixture.ANALYSIS);
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  @Start
  void start(Stage stage) {
    harness.show(stage);
  }

  @Test
  void exportsTheLeaderboardShownBeforeAsCsv(FxRobot robot) throws Exception {
    robot.clickOn("#nav-leaderboard");
    until(() -> robot.lookup("#leaderboard-table").tryQuery().isPresent());
    robot.clickOn("#nav-import");
    Label title = robot.lookup("#import-view .page-title").queryAs(Label.class);
    assertThat(title.getText()).isEqualTo("Import / Export");
    Node section = robot.lookup("#export-section").query();
    ExportViewModel vm = (ExportViewModel) section.getProperties().get(ExportViewModel.class);
    // "Export current view": the leaderboard, with its metric.
    until(() -> vm.whatProperty().get() == What.LEADERBOARD && vm.metricProperty().get() != null);
    assertThat(onFx(() -> vm.metricProperty().get().metric())).isEqualTo("exact_match");

    choose(robot, "#export-format", "CSV");
    Path csv = dir.resolve("shown.csv");
    onFx(
        () -> {
          vm.targetProperty().set(csv);
          return null;
        });
    robot.clickOn("#export-start");
    Label status = robot.lookup("#export-status").queryAs(Label.class);
    until(() -> status.getText().startsWith("Wrote "));
    assertThat(status.getText()).isEqualTo("Wrote " + csv);
    assertThat(csv).exists();
    assertThat(Files.readAllLines(csv)).hasSize(4);
    assertThat(Files.readAllLines(csv).get(1)).contains("qwen2-7b");
  }
}
