package io.evalstation.app.ui.predictions;

import static io.evalstation.app.ui.UiHarness.choose;
import static io.evalstation.app.ui.UiHarness.onFx;
import static io.evalstation.app.ui.UiHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.persistence.analytics.PairOutcome;
import io.evalstation.persistence.analytics.PredictionPair;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/** Predictions on a real embedded PostgreSQL: filter to regressed, read the diff, search. */
@ExtendWith(ApplicationExtension.class)
class PredictionsViewTest {
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
  private static TableView<PredictionPair> table(FxRobot robot) {
    return robot.lookup("#predictions-table").queryAs(TableView.class);
  }

  private static List<Integer> samples(TableView<PredictionPair> table) {
    return onFx(() -> table.getItems().stream().map(PredictionPair::sampleId).toList());
  }

  private static List<String> styled(TextFlow flow, String styleClass) {
    return onFx(
        () ->
            flow.getChildren().stream()
                .filter(n -> n.getStyleClass().contains(styleClass))
                .map(n -> ((Text) n).getText())
                .toList());
  }

  @Test
  void filtersToRegressedShowsTheDiffAndSearches(FxRobot robot) {
    robot.clickOn("#nav-predictions");
    choose(robot, "#predictions-dataset", "gsm8k");
    choose(robot, "#predictions-model-a", "llama-3-8b");
    choose(robot, "#predictions-model-b", "qwen2-7b");
    TableView<PredictionPair> table = table(robot);
    until(() -> table.getItems().size() == 10);
    assertThat(samples(table)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    choose(robot, "#predictions-outcome", "Regressed (A right, B wrong)");
    until(() -> table.getItems().size() == 2);
    assertThat(samples(table)).containsExactly(4, 5);
    assertThat(onFx(() -> table.getItems().get(0).outcome())).isEqualTo(PairOutcome.REGRESSED);

    // Sample 5: A says "The answer is 35" (right), B says "So the answer is 34" (wrong).
    Node second =
        robot
            .lookup("#predictions-table .table-cell")
            .match(LabeledMatchers.hasText("Question 5: what is 5 times 7?"))
            .query();
    robot.clickOn(second);
    TextFlow a = robot.lookup("#detail-output-a").queryAs(TextFlow.class);
    TextFlow b = robot.lookup("#detail-output-b").queryAs(TextFlow.class);
    until(() -> !a.getChildren().isEmpty() && !b.getChildren().isEmpty());
    until(
        () ->
            onFx(() -> robot.lookup("#detail-truth").queryAs(Label.class).getText())
                .equals("The answer is 35"));
    assertThat(styled(a, "diff-removed")).containsExactly("The", "35");
    assertThat(styled(b, "diff-added")).containsExactly("So the", "34");
    assertThat(onFx(() -> robot.lookup("#detail-verdict-a").queryAs(Label.class).getText()))
        .contains("correct");
    assertThat(onFx(() -> robot.lookup("#detail-verdict-b").queryAs(Label.class).getText()))
        .contains("wrong");

    // Search within the filter, then over all samples.
    robot.clickOn("#predictions-search").write("35");
    until(() -> table.getItems().size() == 1);
    assertThat(samples(table)).containsExactly(5);
    choose(robot, "#predictions-outcome", "Fixed (A wrong, B right)");
    until(
        () ->
            onFx(() -> robot.lookup("#predictions-status").queryAs(Label.class).getText())
                .equals("No samples match."));
    assertThat(table.getItems()).isEmpty();
    choose(robot, "#predictions-outcome", "All samples");
    until(() -> table.getItems().size() == 1);
  }
}
