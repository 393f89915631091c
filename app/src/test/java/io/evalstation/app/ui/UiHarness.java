package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
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

/**
 * What every UI and ViewModel test starts from: a real embedded PostgreSQL holding one of the
 * fixtures, the app's context on it, and the workbench shown on a stage; and the waits and clicks
 * the view tests share.
 */
public final class UiHarness implements AutoCloseable {
  /** The data a test starts from. */
  public enum Fixture {
    /** An empty database. */
    NONE,
    /** {@link UiFixtures}: a completed, a running and a failed session, live performance. */
    OPERATIONS,
    /** {@link AnalysisFixture}: three models × three datasets twice, aligned predictions. */
    ANALYSIS
  }

  private static final Map<Fixture, UiHarness> SHARED = new EnumMap<>(Fixture.class);
  private static Stage shown;

  public final Path dir;
  public final AppDirectories dirs;
  public final Database db;
  public final AppContext context;

  /** What {@link Fixture#OPERATIONS} wrote, else null. */
  public final UiFixtures.Seeded seeded;

  /** What {@link Fixture#ANALYSIS} wrote, else null. */
  public final AnalysisFixture fixture;

  private final boolean shared;
  private FxTaskExecutor tasks;

  private UiHarness(Path dir, Fixture data, boolean shared) {
    this.dir = dir;
    this.shared = shared;
    dirs = new AppDirectories(dir.resolve("c"), dir.resolve("d"));
    db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    context = AppContext.on(db, dirs);
    seeded = data == Fixture.OPERATIONS ? UiFixtures.seed(db.dsl()) : null;
    fixture = data == Fixture.ANALYSIS ? AnalysisFixture.insert(db.dsl()) : null;
  }

  /** A fresh database under {@code dir} with the fixture; the test closes it. */
  public static UiHarness open(Path dir, Fixture data) {
    return new UiHarness(dir, data, false);
  }

  /**
   * One database per fixture for the whole test run, for ViewModel tests that leave the data as
   * they found it (a database start is seconds; these tests are milliseconds). Closed when the JVM
   * exits; {@link #close} leaves it open.
   */
  public static synchronized UiHarness shared(Fixture data) {
    return SHARED.computeIfAbsent(
        data,
        d -> {
          try {
            UiHarness h =
                new UiHarness(Files.createTempDirectory("evalstation-ui-shared"), d, true);
            Runtime.getRuntime()
                .addShutdownHook(new Thread(h::release, "ui-harness-" + d.name().toLowerCase()));
            return h;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Builds the workbench on the stage (call from @Start), with no desktop popups. */
  public Workbench show(Stage stage) {
    if (tasks == null) {
      tasks = new FxTaskExecutor("ui-test", 2);
    }
    Workbench workbench = new Workbench(context, tasks);
    workbench.setNoticeSink(n -> {});
    stage.setScene(workbench.scene());
    stage.setWidth(1280);
    stage.setHeight(800);
    stage.show();
    shown = stage;
    return workbench;
  }

  /** Whether the shown workbench's background work is all done (call on the FX thread). */
  public boolean idle() {
    return tasks == null || tasks.running().isEmpty();
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
    if (shown == null) {
      return Path.of("(no stage shown)");
    }
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
    if (!shared) {
      release();
    }
  }

  private void release() {
    if (tasks != null) {
      tasks.close();
    }
    context.close();
  }
}
