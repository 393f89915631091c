package io.evalstation.app.ui.trends;

import static io.evalstation.app.ui.UiHarness.choose;
import static io.evalstation.app.ui.UiHarness.onFx;
import static io.evalstation.app.ui.UiHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import java.nio.file.Path;
import javafx.scene.chart.XYChart;
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

/** Trends on a real embedded PostgreSQL: per day, then per hour, then another metric. */
@ExtendWith(ApplicationExtension.class)
class TrendsViewTest {
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
  private static XYChart<String, Number> chart(FxRobot robot, String id) {
    return robot.lookup("#" + id).queryAs(XYChart.class);
  }

  private static int points(XYChart<String, Number> chart) {
    return onFx(() -> chart.getData().get(0).getData().size());
  }

  private static double total(XYChart<String, Number> chart) {
    return onFx(
        () ->
            chart.getData().get(0).getData().stream()
                .mapToDouble(d -> d.getYValue().doubleValue())
                .sum());
  }

  @Test
  void showsDaysThenHours(FxRobot robot) {
    robot.clickOn("#nav-trends");
    XYChart<String, Number> sessions = chart(robot, "trend-sessions");
    XYChart<String, Number> taskChart = chart(robot, "trend-tasks");
    // Two sessions on two days, nine tasks each, all completed in 8 minutes.
    until(() -> points(sessions) == 2);
    assertThat(total(sessions)).isEqualTo(2);
    assertThat(total(taskChart)).isEqualTo(18);
    XYChart<String, Number> success = chart(robot, "trend-success");
    assertThat(onFx(() -> success.getData().get(0).getData().get(0).getYValue().doubleValue()))
        .isEqualTo(100.0);
    XYChart<String, Number> duration = chart(robot, "trend-duration");
    assertThat(onFx(() -> duration.getData().get(0).getData().get(0).getYValue().doubleValue()))
        .isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(onFx(() -> sessions.getData().get(0).getData().get(0).getXValue()))
        .isEqualTo("2026-11-20");

    // Per hour: tasks start every 10 minutes from 09:00, so each day spans two hours.
    robot.clickOn("#bucket-hour");
    until(() -> points(taskChart) == 4);
    assertThat(total(taskChart)).isEqualTo(18);
    assertThat(onFx(() -> taskChart.getData().get(0).getData().get(0).getXValue()))
        .isEqualTo("11-20 09:00");

    // The metric chart follows the metric chooser.
    choose(robot, "#trends-metric", "pass_at_1");
    XYChart<String, Number> metric = chart(robot, "trend-metric");
    until(() -> onFx(metric::getTitle).contains("pass_at_1"));
    robot.clickOn("#bucket-day");
    until(() -> points(metric) == 2);
    // Day 1 mean of pass_at_1 over the three models: (0.40 + 0.50 + 0.70) / 3.
    assertThat(onFx(() -> metric.getData().get(0).getData().get(0).getYValue().doubleValue()))
        .isCloseTo(1.6 / 3, org.assertj.core.data.Offset.offset(1e-6));
    Label summary = robot.lookup("#trends-summary").queryAs(Label.class);
    assertThat(onFx(summary::getText)).contains("2 days").contains("18 tasks");
  }
}
