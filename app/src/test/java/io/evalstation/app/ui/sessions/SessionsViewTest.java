package io.evalstation.app.ui.sessions;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.Workbench;
import io.evalstation.model.SessionSummary;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window opens on a real database and lists its sessions; other desktops' changes appear
 * live.
 */
@ExtendWith(ApplicationExtension.class)
class SessionsViewTest {
  @TempDir static Path dir;
  static UiHarness harness;

  @BeforeAll
  static void openDatabase() {
    harness = UiHarness.open(dir, UiHarness.Fixture.NONE);
    var dsl = harness.db.dsl();
    long model =
        dsl.insertInto(MODELS)
            .set(MODELS.MODEL_NAME, "qwen3_8b")
            .returning()
            .fetchOne()
            .getModelId();
    long dataset =
        dsl.insertInto(DATASETS)
            .set(DATASETS.DATASET_NAME, "humaneval")
            .returning()
            .fetchOne()
            .getDatasetId();
    long session =
        dsl.insertInto(EVALUATION_SESSIONS)
            .set(EVALUATION_SESSIONS.SESSION_KEY, "20250919_042241")
            .set(EVALUATION_SESSIONS.SOURCE_KIND, "legacy")
            .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "20250919_042241")
            .set(EVALUATION_SESSIONS.CATEGORY, "coding_specialists")
            .set(EVALUATION_SESSIONS.STATUS, "completed")
            .set(EVALUATION_SESSIONS.START_TIME, OffsetDateTime.parse("2025-09-19T04:22:41Z"))
            .returning()
            .fetchOne()
            .getSessionId();
    for (int i = 0; i < 2; i++) {
      dsl.insertInto(EVALUATION_TASKS)
          .set(EVALUATION_TASKS.SESSION_ID, session)
          .set(EVALUATION_TASKS.TASK_INDEX, i)
          .set(EVALUATION_TASKS.MODEL_ID, model)
          .set(EVALUATION_TASKS.DATASET_ID, dataset)
          .set(EVALUATION_TASKS.STATUS, i == 0 ? "completed" : "failed")
          .set(EVALUATION_TASKS.FAILURE_CAUSE, i == 0 ? null : "OUT_OF_MEMORY")
          .execute();
    }
  }

  @AfterAll
  static void closeDatabase() {
    harness.close();
  }

  @Start
  void start(Stage stage) {
    Workbench workbench = harness.show(stage);
    // The app opens on the dashboard (or the last view): go to the Sessions list.
    workbench.window().select("sessions");
  }

  @Test
  void listsTheSessionsOfTheDatabase(FxRobot robot) throws Exception {
    TableView<SessionSummary> table = robot.lookup("#sessions-table").queryTableView();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
    SessionSummary row = table.getItems().get(0);
    assertThat(row.session().key()).isEqualTo("20250919_042241");
    assertThat(row.totalTasks()).isEqualTo(2);
    assertThat(row.completedTasks()).isEqualTo(1);
    assertThat(row.failedTasks()).isEqualTo(1);
    assertThat(robot.lookup("#status-database").queryAs(Label.class).getText())
        .startsWith("Database: embedded PostgreSQL");
    robot.clickOn("20250919_042241");
    assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(row);
  }

  @Test
  void aSessionWrittenByAnotherDesktopAppearsWithoutARefresh(FxRobot robot) throws Exception {
    TableView<SessionSummary> table = robot.lookup("#sessions-table").queryTableView();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
    int before = table.getItems().size();
    // Another desktop: a separate connection writes a session.
    harness
        .db
        .dsl()
        .insertInto(EVALUATION_SESSIONS)
        .set(EVALUATION_SESSIONS.SESSION_KEY, "colleague-session")
        .set(EVALUATION_SESSIONS.SOURCE_KIND, "launch")
        .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "colleague-session")
        .set(EVALUATION_SESSIONS.STATUS, "running")
        .execute();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == before + 1);
    assertThat(table.getItems()).extracting(s -> s.session().key()).contains("colleague-session");
  }
}
