package io.evalstation.app.ui.compare;

import static io.evalstation.app.ui.UiHarness.choose;
import static io.evalstation.app.ui.UiHarness.onFx;
import static io.evalstation.app.ui.UiHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
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

/** Compare on a real embedded PostgreSQL: the heat map and a paired comparison. */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
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

  private static String text(FxRobot robot, String id) {
    Label l = robot.lookup(id).queryAs(Label.class);
    return onFx(l::getText);
  }

  @Test
  void heatMapMarksTheBestAndPairedComparisonCounts(FxRobot robot) {
    robot.clickOn("#nav-compare");
    choose(robot, "#compare-metric", "exact_match");
    until(() -> robot.lookup("#heat-qwen2-7b-gsm8k").tryQuery().isPresent());
    Node best = robot.lookup("#heat-qwen2-7b-gsm8k").query();
    Node worse = robot.lookup("#heat-llama-3-8b-gsm8k").query();
    assertThat(best.getStyleClass()).contains("heat-best");
    assertThat(worse.getStyleClass()).doesNotContain("heat-best");
    // qwen2-7b on gsm8k: mean of 0.80 and 0.84.
    assertThat(robot.from(best).lookup(".heat-text").queryAs(Label.class).getText())
        .startsWith("0.820 ±");
    assertThat(robot.lookup("#heat-legend").tryQuery()).isPresent();

    choose(robot, "#compare-dataset", "gsm8k");
    choose(robot, "#compare-model-a", "llama-3-8b");
    choose(robot, "#compare-model-b", "qwen2-7b");
    until(() -> robot.lookup("#count-fixed").tryQuery().isPresent());
    assertThat(text(robot, "#count-both-correct")).isEqualTo("4");
    assertThat(text(robot, "#count-fixed")).isEqualTo("3");
    assertThat(text(robot, "#count-regressed")).isEqualTo("2");
    assertThat(text(robot, "#count-both-wrong")).isEqualTo("1");
    // McNemar exact, 3 vs 2 discordant: p = 1.
    assertThat(text(robot, "#paired-p")).contains("p = 1.0000").contains("not significant");
    assertThat(text(robot, "#paired-ci")).contains("CI of the difference");
    assertThat(text(robot, "#paired-accuracy")).contains("60.0%").contains("70.0%");
  }

  @Test
  void warnsWhenRunsAreNotComparable(FxRobot robot) {
    robot.clickOn("#nav-compare");
    // The earlier run of qwen2-7b has no predictions at all: nothing aligns.
    choose(robot, "#compare-dataset", "gsm8k");
    choose(robot, "#compare-model-a", "llama-3-8b");
    choose(robot, "#compare-model-b", "qwen2-7b");
    until(() -> robot.lookup("#count-fixed").tryQuery().isPresent());
    robot.clickOn("#compare-task-b");
    robot.type(javafx.scene.input.KeyCode.DOWN).type(javafx.scene.input.KeyCode.ENTER);
    until(
        () ->
            robot.lookup("#paired-warnings").tryQuery().map(Node::isVisible).orElse(false)
                || text(robot, "#paired-status").startsWith("Cannot"));
    assertThat(onFx(() -> robot.lookup("#paired-panel").query().isVisible())).isTrue();
  }
}
