package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.app.ui.task.FxThread;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visits every page of the Workbench ({@link EvalstationApp.Workbench#PAGE_IDS}) on a throwaway
 * embedded database holding the UI fixture, and writes {@code <out>/<page>.png} for each, plus
 * {@code dashboard-dark.png}. Run by {@code scripts/screenshots.sh} under Xvfb.
 *
 * <p>Usage: {@code ScreenshotTour OUT_DIR [page ...]} (no pages: all of them).
 */
public final class ScreenshotTour {
  private static final Logger LOG = LoggerFactory.getLogger(ScreenshotTour.class);

  private ScreenshotTour() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").toAbsolutePath();
    Files.createDirectories(out);
    List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    Path dir = Files.createTempDirectory("evalstation-tour");
    AppDirectories dirs = new AppDirectories(dir.resolve("config"), dir.resolve("data"));
    Database db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    AppContext context = AppContext.on(db, dirs);
    // The shipped sample sessions (what a new user sees), plus the UI fixture's running session
    // with live performance samples, so that the monitoring views have something to show.
    LOG.info("sample data: {}", context.seedSampleDataIfNew());
    UiFixtures.seed(db.dsl());
    FxTaskExecutor tasks = new FxTaskExecutor("tour", 2);
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    List<String> written = new ArrayList<>();
    try {
      EvalstationApp.Workbench wb =
          onFx(
              () -> {
                EvalstationApp.Workbench w = new EvalstationApp.Workbench(context, tasks);
                w.setNoticeSink(n -> {});
                Stage stage = new Stage();
                Scene scene = w.scene();
                stage.setScene(scene);
                stage.setWidth(1440);
                stage.setHeight(900);
                stage.show();
                return w;
              });
      for (String page : EvalstationApp.Workbench.PAGE_IDS) {
        if (!only.isEmpty() && !only.contains(page)) {
          continue;
        }
        if (page.equals("import")) {
          importDemoCorpus(wb, tasks, dir.resolve("corpus"));
        }
        written.add(shoot(wb, tasks, page, out.resolve(page + ".png")));
      }
      if (only.isEmpty() || only.contains("dashboard-dark")) {
        onFx(
            () -> {
              wb.preferences()
                  .themeProperty()
                  .set(io.evalstation.app.ui.shell.UiPreferences.Theme.DARK);
              return null;
            });
        written.add(shoot(wb, tasks, "dashboard", out.resolve("dashboard-dark.png")));
        onFx(
            () -> {
              wb.preferences()
                  .themeProperty()
                  .set(io.evalstation.app.ui.shell.UiPreferences.Theme.LIGHT);
              return null;
            });
      }
    } finally {
      tasks.close();
      context.close();
      Platform.exit();
    }
    LOG.info("wrote {} screenshots to {}: {}", written.size(), out, written);
  }

  /** Imports a small generated corpus through the Import view, as a user dropping a folder. */
  @SuppressWarnings("unchecked")
  private static void importDemoCorpus(
      EvalstationApp.Workbench wb, FxTaskExecutor tasks, Path corpus) throws Exception {
    new io.evalstation.persistence.files.demo.DemoCorpusGenerator(
            io.evalstation.persistence.files.demo.DemoCorpusGenerator.Options.of(4, 7)
                .withPredictionsPerTask(40))
        .generate(corpus);
    onFx(
        () -> {
          wb.window().select("import");
          return null;
        });
    Thread.sleep(500);
    onFx(
        () -> {
          var root = wb.window().root();
          ((javafx.scene.control.ListView<Path>) root.lookup("#import-paths"))
              .getItems()
              .add(corpus);
          ((javafx.scene.control.Button) root.lookup("#import-start")).fire();
          return null;
        });
    long deadline = System.currentTimeMillis() + 120_000;
    Thread.sleep(1000);
    while (System.currentTimeMillis() < deadline && onFx(() -> !tasks.running().isEmpty())) {
      Thread.sleep(200);
    }
  }

  private static String shoot(
      EvalstationApp.Workbench wb, FxTaskExecutor tasks, String page, Path file) throws Exception {
    onFx(
        () -> {
          wb.window().select(page);
          return null;
        });
    // Let the page's reads finish and a few pulses lay it out.
    long deadline = System.currentTimeMillis() + 15_000;
    Thread.sleep(800);
    while (System.currentTimeMillis() < deadline && onFx(() -> !tasks.running().isEmpty())) {
      Thread.sleep(100);
    }
    Thread.sleep(1200);
    WritableImage image = onFx(() -> wb.window().root().getScene().snapshot(null));
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    try {
      ImageIO.write(buffered, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    LOG.info("{} -> {}", page, file);
    return file.getFileName().toString();
  }

  private static <T> T onFx(Supplier<T> action) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    FxThread.run(
        () -> {
          try {
            f.complete(action.get());
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        });
    return f.get(30, TimeUnit.SECONDS);
  }
}
