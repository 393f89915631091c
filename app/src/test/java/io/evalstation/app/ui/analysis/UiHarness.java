package io.evalstation.app.ui.analysis;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.Workbench;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** A real embedded PostgreSQL with the analysis fixture, and the workbench shown on it. */
public final class UiHarness implements AutoCloseable {
  public final AppDirectories dirs;
  public final Database db;
  public final AppContext context;
  public final AnalysisFixture fixture;
  private static Stage shown;

  private UiHarness(Path dir) {
    dirs = new AppDirectories(dir.resolve("c"), dir.resolve("d"));
    db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    context = AppContext.on(db, dirs);
    fixture = AnalysisFixture.insert(db.dsl());
  }

  /** Opens a fresh database under {@code dir} and writes the fixture. */
  public static UiHarness open(Path dir) {
    return new UiHarness(dir);
  }

  /** Shows the workbench in {@code stage}, with its own executor (closed by the caller). */
  public Workbench show(Stage stage, FxTaskExecutor tasks) {
    Workbench workbench = new Workbench(context, tasks);
    stage.setScene(workbench.scene());
    stage.setWidth(1280);
    stage.setHeight(800);
    stage.show();
    shown = stage;
    return workbench;
  }

  /** Waits up to 20 s until {@code condition}, evaluated on the FX thread, holds. */
  public static void until(Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(
          20,
          TimeUnit.SECONDS,
          () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      throw new AssertionError("condition not met within 20 s; screen in " + snapshot(), e);
    }
  }

  // What the screen showed when a wait failed: a test that cannot be watched needs a picture.
  private static Path snapshot() {
    try {
      Path file = Files.createTempFile(Path.of("target"), "ui-failure-", ".png");
      WritableImage image =
          WaitForAsyncUtils.asyncFx(() -> shown.getScene().snapshot(null))
              .get(10, TimeUnit.SECONDS);
      ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
      return file.toAbsolutePath();
    } catch (Exception e) {
      return Path.of("(no snapshot: " + e + ")");
    }
  }

  /** Opens a combo box and clicks the item with exactly {@code text} in its popup list. */
  public static void choose(FxRobot robot, String comboQuery, String text) {
    robot.clickOn(comboQuery);
    until(
        () ->
            robot
                .lookup(".combo-box-popup .list-cell")
                .match(LabeledMatchers.hasText(text))
                .tryQuery()
                .isPresent());
    Node cell =
        robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText(text)).query();
    robot.clickOn(cell);
  }

  /** Runs {@code action} on the FX thread and returns its value. */
  public static <T> T onFx(Callable<T> action) {
    try {
      return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
