package io.evalstation.app.ui;

import static io.evalstation.app.ui.UiHarness.until;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.config.Settings;
import io.evalstation.persistence.db.EmbeddedDatabase;
import io.evalstation.persistence.repo.KeyResultRepository.TaskRow;
import java.nio.file.Files;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Each operations view, headless on a real embedded PostgreSQL holding the UI fixture: open it as a
 * user would (shortcut, double-click), check what it shows, change something, check the database.
 */
@ExtendWith(ApplicationExtension.class)
class OperationsViewsUiTest {
  private static UiHarness harness;
  private Workbench workbench;

  @BeforeAll
  static void database() throws Exception {
    harness =
        UiHarness.open(
            Files.createTempDirectory("evalstation-ui-test"), UiHarness.Fixture.OPERATIONS);
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  @Start
  void start(Stage stage) {
    workbench = harness.show(stage);
  }

  @Test
  void dashboardShowsCardsTilesChartsAndResults(FxRobot robot) {
    robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.SHORTCUT);
    FlowPane cards = robot.lookup("#session-cards").queryAs(FlowPane.class);
    until(() -> cards.getChildren().size() == 3);
    assertThat(robot.lookup("#card-" + harness.seeded.runningSession()).queryAs(Node.class))
        .isNotNull();
    TableView<?> results = robot.lookup("#recent-results").queryTableView();
    until(() -> results.getItems().size() == 9);
    LineChart<?, ?> gpu = robot.lookup("#chart-gpu").queryAs(LineChart.class);
    until(() -> !gpu.getData().get(0).getData().isEmpty());
    assertThat(robot.lookup("#tile-running").tryQuery()).isPresent();
    assertThat(robot.lookup("#tile-nodes-active").tryQuery()).isPresent();
    // A card opens its session with Enter once clicked (double-click does the same).
    robot.clickOn("#card-" + harness.seeded.failedSession()).type(KeyCode.ENTER);
    until(() -> "session".equals(workbench.window().selectedPageId()));
    Label title = robot.lookup("#session-title").queryAs(Label.class);
    until(() -> "20250921_101500".equals(title.getText()));
  }

  @Test
  void sessionDetailOpensFromTheListAndShowsTasksDurationsLogAndProvenance(FxRobot robot)
      throws Exception {
    robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHORTCUT);
    TableView<SessionSummary> sessions = robot.lookup("#sessions-table").queryTableView();
    until(() -> sessions.getItems().size() == 3);
    int runningRow = 0;
    for (int i = 0; i < sessions.getItems().size(); i++) {
      if (sessions.getItems().get(i).session().id() == harness.seeded.runningSession()) {
        runningRow = i;
      }
    }
    int row = runningRow;
    Node rowNode =
        robot.lookup(".table-row-cell").match((TableRow<?> r) -> r.getIndex() == row).query();
    robot.doubleClickOn(rowNode);
    until(() -> "session".equals(workbench.window().selectedPageId()));
    TableView<TaskRow> tasks = robot.lookup("#tasks-table").queryTableView();
    until(() -> tasks.getItems().size() == 6);
    assertThat(robot.lookup("#session-title").queryAs(Label.class).getText())
        .isEqualTo("grid-math-0312");
    assertThat(robot.lookup("#session-status").queryAs(Label.class).getText()).isEqualTo("running");
    // A running task's duration grows with the 1 s ticker.
    TableCell<?, ?> durationCell =
        robot
            .lookup(".table-cell")
            .match(
                (TableCell<?, ?> c) ->
                    c.getTableColumn() != null
                        && "duration-column".equals(c.getTableColumn().getId())
                        && c.getIndex() == 2)
            .query();
    String before = durationCell.getText();
    assertThat(before).contains("min");
    until(() -> !durationCell.getText().equals(before));
    // Cancel reaches the control service; without that cluster configured it says why, and the
    // tasks stay as they were.
    robot.clickOn("#session-cancel");
    Label action = robot.lookup("#session-action-result").queryAs(Label.class);
    until(() -> action.getText().startsWith("Cancelling the session failed"));
    assertThat(
            harness
                .db
                .dsl()
                .fetchCount(
                    EVALUATION_TASKS,
                    EVALUATION_TASKS
                        .SESSION_ID
                        .eq(harness.seeded.runningSession())
                        .and(EVALUATION_TASKS.STATUS.eq("running"))))
        .isEqualTo(2);
    // Provenance of the session.
    robot.clickOn("Provenance");
    TextArea prov = robot.lookup("#session-provenance").queryAs(TextArea.class);
    assertThat(prov.getText()).contains("harness_version").contains("0.4.8");
  }

  @Test
  void logSearchFindsTheFailedTasksError(FxRobot robot) {
    robot.interact(() -> workbench.window().select("sessions"));
    TableView<SessionSummary> sessions = robot.lookup("#sessions-table").queryTableView();
    until(() -> sessions.getItems().size() == 3);
    int failedRow = -1;
    for (int i = 0; i < sessions.getItems().size(); i++) {
      if (sessions.getItems().get(i).session().id() == harness.seeded.failedSession()) {
        failedRow = i;
      }
    }
    int row = failedRow;
    robot.interact(
        () -> {
          sessions.getSelectionModel().select(row);
          sessions.requestFocus();
        });
    robot.type(KeyCode.ENTER);
    TableView<TaskRow> tasks = robot.lookup("#tasks-table").queryTableView();
    until(
        () ->
            tasks.getItems().size() == 2
                && tasks.getItems().get(0).task().sessionId() == harness.seeded.failedSession());
    robot.interact(() -> tasks.getSelectionModel().select(1));
    robot.clickOn("Log");
    TextArea log = robot.lookup("#log-text").queryAs(TextArea.class);
    until(() -> log.getText().contains("OUT_OF_MEMORY"));
    robot.clickOn("#log-search").write("out of memory");
    until(() -> "1 match".equals(robot.lookup("#log-found").queryAs(Label.class).getText()));
    assertThat(log.getSelectedText()).isEqualToIgnoringCase("out of memory");
  }

  @Test
  void modelsAndDatasetsAreListedFilteredAndEditedInPlace(FxRobot robot) {
    robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.SHORTCUT);
    TableView<ModelInfo> models = robot.lookup("#models-table").queryTableView();
    until(() -> models.getItems().size() == 3);
    robot.clickOn("#registry-filter").write("code");
    until(() -> models.getItems().size() == 1);
    assertThat(models.getItems().get(0).name()).isEqualTo("deepseek-coder-6.7b");
    assertThat(robot.lookup("#registry-summary").queryAs(Label.class).getText())
        .isEqualTo("1 of 3 models · 1 of 4 datasets");
    // Edit the family in place: double-click, type, Enter; the database has it.
    Node family =
        robot
            .lookup(".table-cell")
            .match(
                (TableCell<?, ?> c) ->
                    c.getTableColumn() != null
                        && "Family".equals(c.getTableColumn().getText())
                        && c.getIndex() == 0)
            .query();
    robot.doubleClickOn(family);
    robot.lookup(".table-cell .text-field").queryAs(TextField.class);
    robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT);
    robot.write("deepseek").type(KeyCode.ENTER);
    until(
        () ->
            "deepseek"
                .equals(
                    harness
                        .db
                        .dsl()
                        .select(MODELS.MODEL_FAMILY)
                        .from(MODELS)
                        .where(MODELS.MODEL_NAME.eq("deepseek-coder-6.7b"))
                        .fetchOne()
                        .value1()));
    robot.clickOn("Datasets");
    TableView<DatasetInfo> datasets = robot.lookup("#datasets-table").queryTableView();
    assertThat(datasets.getItems()).extracting(DatasetInfo::name).containsExactly("humaneval");
  }

  @Test
  void settingsSwitchThemeLiveTestTheConnectionAndRememberWithoutPasswords(FxRobot robot)
      throws Exception {
    robot.press(KeyCode.SHORTCUT, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.SHORTCUT);
    until(() -> "settings".equals(workbench.window().selectedPageId()));
    ToggleSwitch dark = robot.lookup("#theme-switch").queryAs(ToggleSwitch.class);
    boolean wasDark = workbench.window().root().getStyleClass().contains("dark");
    robot.clickOn(dark.lookup(".thumb-area"));
    until(() -> workbench.window().root().getStyleClass().contains("dark") != wasDark);
    Settings file = Settings.load(harness.context.settings().file());
    until(
        () ->
            Settings.load(harness.context.settings().file())
                .get("ui.theme")
                .orElse("")
                .equals(wasDark ? "light" : "dark"));
    assertThat(file.file()).exists();
    // Embedded: the test talks to the running database off the FX thread.
    robot.clickOn("#db-embedded").clickOn("#db-test");
    Label result = robot.lookup("#db-test-result").queryAs(Label.class);
    until(() -> result.getText().startsWith("Connected"));
    // A URL that is not PostgreSQL's is refused next to the field.
    robot.clickOn("#db-shared").clickOn("#db-url").write("mysql://nope");
    assertThat(robot.lookup("#db-url-error").queryAs(Label.class).getText())
        .contains("jdbc:postgresql://");
    // A URL with a password in it is refused next to the field, before anything is saved.
    robot.interact(
        () ->
            robot
                .lookup("#db-url")
                .queryAs(TextField.class)
                .setText(harness.db.url() + "?password=hunter2"));
    robot.clickOn("#db-test");
    until(() -> result.getText().contains("~/.pgpass"));
    // The embedded server's own URL reaches the server, which wants the password it keeps to
    // itself (no trust): the probe says so.
    robot.interact(
        () -> robot.lookup("#db-url").queryAs(TextField.class).setText(harness.db.url()));
    robot.interact(
        () -> robot.lookup("#db-user").queryAs(TextField.class).setText(EmbeddedDatabase.USER));
    robot.clickOn("#db-test");
    until(() -> result.getText().startsWith("Failed") && result.getText().contains("password"));
    robot.clickOn("#db-save");
    until(
        () ->
            Settings.load(harness.context.settings().file())
                .get(Settings.DATABASE_URL)
                .orElse("")
                .equals(harness.db.url()));
    assertThat(Files.readString(harness.context.settings().file()).toLowerCase())
        .doesNotContain("password");
    robot.clickOn("#db-embedded").clickOn("#db-save");
    until(
        () ->
            Settings.load(harness.context.settings().file()).get(Settings.DATABASE_URL).isEmpty());
  }

  @Test
  void shortcutsNavigateAndTheLastViewIsRemembered(FxRobot robot) {
    for (var e :
        java.util.Map.of(
                KeyCode.DIGIT1, "dashboard",
                KeyCode.DIGIT2, "sessions",
                KeyCode.DIGIT3, "session",
                KeyCode.DIGIT0, "models")
            .entrySet()) {
      robot.press(KeyCode.SHORTCUT, e.getKey()).release(e.getKey(), KeyCode.SHORTCUT);
      until(() -> e.getValue().equals(workbench.window().selectedPageId()));
      assertThat(workbench.preferences().text("ui.lastView")).contains(e.getValue());
    }
    assertThat(workbench.window().pageIds())
        .containsAll(Set.of("dashboard", "sessions", "session", "models", "settings"));
  }

  @Test
  void aTaskThatFailsOnTheClusterRaisesANotice(FxRobot robot) {
    until(() -> workbench.window().selectedPageId() != null);
    var dsl = harness.db.dsl();
    long taskId =
        dsl.select(EVALUATION_TASKS.TASK_ID)
            .from(EVALUATION_TASKS)
            .where(EVALUATION_TASKS.SESSION_ID.eq(harness.seeded.runningSession()))
            .and(EVALUATION_TASKS.STATUS.eq("running"))
            .limit(1)
            .fetchOne()
            .value1();
    int before = workbench.notices().size();
    dsl.update(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.STATUS, "failed")
        .set(EVALUATION_TASKS.FAILURE_CAUSE, "TIME_LIMIT")
        .set(EVALUATION_TASKS.ERROR_MESSAGE, "DUE TO TIME LIMIT")
        .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
        .execute();
    until(() -> workbench.notices().size() > before);
    var notice = workbench.notices().get(workbench.notices().size() - 1);
    assertThat(notice.error()).isTrue();
    assertThat(notice.title()).isEqualTo("Task failed");
    assertThat(notice.text()).contains("grid-math-0312").contains("DUE TO TIME LIMIT");
    // Put it back for the other tests.
    dsl.update(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.STATUS, "running")
        .setNull(EVALUATION_TASKS.FAILURE_CAUSE)
        .setNull(EVALUATION_TASKS.ERROR_MESSAGE)
        .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
        .execute();
  }

  @Test
  void launchBuildsTheGridWithInlineErrorsAndPreviewsTheScripts(FxRobot robot) {
    robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.SHORTCUT);
    until(() -> "launch".equals(workbench.window().selectedPageId()));
    javafx.scene.control.ListView<String> models = robot.lookup("#launch-models").queryListView();
    javafx.scene.control.ListView<String> datasets =
        robot.lookup("#launch-datasets").queryListView();
    until(() -> models.getItems().size() == 3 && datasets.getItems().size() == 4);
    Label clusterError = robot.lookup("#launch-cluster-error").queryAs(Label.class);
    until(() -> clusterError.getText().startsWith("No cluster configured"));
    // Filter, then check: the check survives clearing the filter.
    robot.clickOn("#launch-models-filter").write("llama");
    until(() -> models.getItems().size() == 1);
    robot.clickOn(robot.lookup("#launch-models .check-box").queryAs(Node.class));
    robot.interact(() -> robot.lookup("#launch-models-filter").queryAs(TextField.class).clear());
    until(() -> models.getItems().size() == 3);
    robot.clickOn("#launch-datasets-filter").write("gsm");
    until(() -> datasets.getItems().size() == 1);
    robot.clickOn(robot.lookup("#launch-datasets .check-box").queryAs(Node.class));
    Label count = robot.lookup("#launch-task-count").queryAs(Label.class);
    until(() -> "1 task".equals(count.getText()));
    Label estimate = robot.lookup("#launch-estimate").queryAs(Label.class);
    until(() -> !estimate.getText().isEmpty());
    // A bad sample limit is reported beside its field.
    robot.clickOn("#launch-limit").write("lots");
    assertThat(robot.lookup("#launch-limit-error").queryAs(Label.class).getText())
        .startsWith("Expected a whole number");
    robot.interact(() -> robot.lookup("#launch-limit").queryAs(TextField.class).setText("50"));
    assertThat(robot.lookup("#launch-limit-error").queryAs(Label.class).getText()).isEmpty();
    // Submit without a cluster: the error sits beside the cluster field, nothing is created.
    int sessionsBefore =
        harness.db.dsl().fetchCount(io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS);
    robot.clickOn("#launch-submit");
    assertThat(clusterError.getText()).startsWith("Choose a cluster");
    assertThat(
            harness.db.dsl().fetchCount(io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS))
        .isEqualTo(sessionsBefore);
    // The preview renders the sbatch script for Llama on gsm8k.
    robot.clickOn("#launch-preview-button");
    TextArea preview = robot.lookup("#launch-preview").queryAs(TextArea.class);
    until(() -> !preview.getText().isEmpty());
    assertThat(preview.getText())
        .contains("#SBATCH")
        .contains("Llama-3.1-8B-Instruct")
        .contains("gsm8k");
  }
}
