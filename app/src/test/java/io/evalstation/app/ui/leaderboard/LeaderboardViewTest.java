package io.evalstation.app.ui.leaderboard;

import static io.evalstation.app.ui.UiHarness.choose;
import static io.evalstation.app.ui.UiHarness.onFx;
import static io.evalstation.app.ui.UiHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.persistence.analytics.LeaderboardRow;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Leaderboard on a real embedded PostgreSQL: rank, change metric and filters, select. */
@ExtendWith(ApplicationExtension.class)
class LeaderboardViewTest {
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

  @SuppressWarnings("unchecked")
  private TableView<LeaderboardRow> table(FxRobot robot) {
    return robot.lookup("#leaderboard-table").queryAs(TableView.class);
  }

  private static List<String> models(TableView<LeaderboardRow> table) {
    return onFx(() -> table.getItems().stream().map(LeaderboardRow::model).toList());
  }

  @Test
  void ranksModelsAndFollowsMetricAndFilters(FxRobot robot) {
    robot.clickOn("#nav-leaderboard");
    TableView<LeaderboardRow> table = table(robot);
    // exact_match over gsm8k and arc_easy: qwen2-7b, then llama-3-8b, then deepseek-coder.
    until(() -> table.getItems().size() == 3);
    assertThat(models(table)).containsExactly("qwen2-7b", "llama-3-8b", "deepseek-coder-6.7b");
    LeaderboardRow first = onFx(() -> table.getItems().get(0));
    assertThat(first.rank()).isEqualTo(1);
    assertThat(first.evaluations()).isEqualTo(4);
    assertThat(first.mean()).isCloseTo((0.80 + 0.84 + 0.85 + 0.89) / 4, within());
    assertThat(first.ciLow()).isLessThan(first.mean());
    assertThat(robot.lookup(".ci-interval").queryAll()).hasSizeGreaterThanOrEqualTo(3);

    // Choose another metric: on humaneval's pass_at_1 the code model leads.
    choose(robot, "#leaderboard-metric", "pass_at_1");
    until(() -> !table.getItems().isEmpty() && table.getItems().get(0).model().startsWith("deep"));
    assertThat(models(table)).containsExactly("deepseek-coder-6.7b", "qwen2-7b", "llama-3-8b");
    assertThat(onFx(() -> table.getItems().get(0).evaluations())).isEqualTo(2);

    // Filter by family: one row is left.
    choose(robot, "#leaderboard-family", "llama");
    until(() -> table.getItems().size() == 1);
    assertThat(models(table)).containsExactly("llama-3-8b");
    Label summary = robot.lookup("#leaderboard-summary").queryAs(Label.class);
    assertThat(onFx(summary::getText)).contains("1 models").contains("llama");

    // A minimum of three evaluations leaves nothing (each model has two on humaneval).
    choose(robot, "#leaderboard-family", "Any");
    until(() -> table.getItems().size() == 3);
    robot
        .doubleClickOn("#leaderboard-min .text-field")
        .write("3")
        .type(javafx.scene.input.KeyCode.ENTER);
    until(() -> table.getItems().isEmpty());

    // Selecting a row selects it.
    robot
        .doubleClickOn("#leaderboard-min .text-field")
        .write("1")
        .type(javafx.scene.input.KeyCode.ENTER);
    until(() -> table.getItems().size() == 3);
    robot.clickOn("qwen2-7b");
    assertThat(onFx(() -> table.getSelectionModel().getSelectedItem().model()))
        .isEqualTo("qwen2-7b");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
