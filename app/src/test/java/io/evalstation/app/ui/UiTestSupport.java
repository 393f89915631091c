package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real embedded PostgreSQL with the UI fixture, and a Workbench on a stage: what every view test
 * starts from.
 */
public final class UiTestSupport implements AutoCloseable {
  public final Path dir;
  public final Database database;
  public final AppContext context;
  public final UiFixtures.Seeded seeded;
  public final FxTaskExecutor tasks = new FxTaskExecutor("ui-test", 2);
  public Workbench workbench;

  public UiTestSupport(boolean seed) throws Exception {
    dir = Files.createTempDirectory("evalstation-ui-test");
    AppDirectories dirs = new AppDirectories(dir.resolve("c"), dir.resolve("d"));
    database = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    context = AppContext.on(database, dirs);
    seeded = seed ? UiFixtures.seed(database.dsl()) : null;
  }

  /** Builds the workbench on the stage (call from @Start). */
  public Workbench show(Stage stage) {
    workbench = new Workbench(context, tasks);
    workbench.setNoticeSink(n -> {});
    stage.setScene(workbench.scene());
    stage.setWidth(1280);
    stage.setHeight(800);
    stage.show();
    return workbench;
  }

  /** Waits (up to 20 s) until the condition holds, checked on the FX thread. */
  public static void waitUntil(BooleanSupplier condition) {
    try {
      WaitForAsyncUtils.waitFor(
          20,
          TimeUnit.SECONDS,
          () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(5, TimeUnit.SECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("condition not met within 20 s", e);
    }
  }

  @Override
  public void close() {
    tasks.close();
    context.close();
  }
}
