package io.evalstation.app.ui.analysis;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.EvalstationApp;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.app.ui.task.FxThread;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.PairedComparison;
import io.evalstation.persistence.analytics.TaskRef;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.sample.SampleDataSeeder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screenshots of the four analysis views on the shipped sample data (the data a new user first
 * sees), each in a telling state: Compare and Predictions on the pair of runs with the most
 * disagreements, Predictions filtered to the regressed samples with one selected. Writes {@code
 * <out>/<page>.png}; run by {@code scripts/screenshots.sh} after the main tour.
 */
public final class AnalysisScreenshotTour {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisScreenshotTour.class);
  private static final List<String> PAGES =
      List.of("leaderboard", "trends", "compare", "predictions");

  private AnalysisScreenshotTour() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").toAbsolutePath();
    List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    if (!only.isEmpty() && PAGES.stream().noneMatch(only::contains)) {
      return;
    }
    Files.createDirectories(out);
    Path dir = Files.createTempDirectory("evalstation-analysis-tour");
    AppDirectories dirs = new AppDirectories(dir.resolve("config"), dir.resolve("data"));
    Database db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    AppContext context = AppContext.on(db, dirs);
    SampleDataSeeder.Result seeded = context.seedSampleDataIfNew();
    LOG.info("sample data: {}", seeded.detail());
    TaskRef[] pair = mostInterestingPair(context.analytics());
    FxTaskExecutor tasks = new FxTaskExecutor("tour", 2);
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    try {
      EvalstationApp.Workbench wb =
          onFx(
              () -> {
                EvalstationApp.Workbench w = new EvalstationApp.Workbench(context, tasks);
                w.setNoticeSink(n -> {});
                Stage stage = new Stage();
                stage.setScene(w.scene());
                stage.setWidth(1440);
                stage.setHeight(900);
                stage.show();
                return w;
              });
      Scene scene = onFx(() -> wb.window().root().getScene());
      for (String page : PAGES) {
        if (!only.isEmpty() && !only.contains(page)) {
          continue;
        }
        onFx(
            () -> {
              wb.window().select(page);
              return null;
            });
        settle(tasks);
        if (pair != null && (page.equals("compare") || page.equals("predictions"))) {
          choosePair(scene, page, pair);
          settle(tasks);
        }
        if (page.equals("predictions")) {
          showFirstRegressed(scene, tasks);
        }
        shoot(scene, out.resolve(page + ".png"));
      }
    } finally {
      tasks.close();
      context.close();
      Platform.exit();
    }
  }

  // Two runs of different models on one dataset whose comparison has the most discordant samples.
  private static TaskRef[] mostInterestingPair(Analytics analytics) {
    TaskRef[] best = null;
    int bestDiscordant = -1;
    for (String dataset : analytics.choices().all().datasets()) {
      List<TaskRef> runs = analytics.comparisons().completedTasks(null, dataset, 20);
      for (int i = 0; i < runs.size(); i++) {
        for (int j = i + 1; j < runs.size(); j++) {
          TaskRef a = runs.get(j);
          TaskRef b = runs.get(i);
          if (a.model().equals(b.model())) {
            continue;
          }
          try {
            PairedComparison c = analytics.comparisons().compare(a.taskId(), b.taskId(), null);
            if (c.fixed() + c.regressed() > bestDiscordant && c.regressed() > 0) {
              bestDiscordant = c.fixed() + c.regressed();
              best = new TaskRef[] {a, b};
            }
          } catch (IllegalArgumentException e) {
            LOG.debug("runs {} and {} do not compare: {}", a.taskId(), b.taskId(), e.getMessage());
          }
        }
      }
    }
    LOG.info("most interesting pair: {}", best == null ? "none" : best[0] + " / " + best[1]);
    return best;
  }

  @SuppressWarnings("unchecked")
  private static void choosePair(Scene scene, String prefix, TaskRef[] pair) throws Exception {
    onFx(
        () -> {
          ((ComboBox<String>) scene.lookup("#" + prefix + "-dataset")).setValue(pair[0].dataset());
          ((ComboBox<String>) scene.lookup("#" + prefix + "-model-a")).setValue(pair[0].model());
          ((ComboBox<String>) scene.lookup("#" + prefix + "-model-b")).setValue(pair[1].model());
          return null;
        });
    settleFor(1500);
    onFx(
        () -> {
          ComboBox<TaskRef> a = (ComboBox<TaskRef>) scene.lookup("#" + prefix + "-task-a");
          ComboBox<TaskRef> b = (ComboBox<TaskRef>) scene.lookup("#" + prefix + "-task-b");
          a.getItems().stream()
              .filter(t -> t.taskId() == pair[0].taskId())
              .findFirst()
              .ifPresent(a::setValue);
          b.getItems().stream()
              .filter(t -> t.taskId() == pair[1].taskId())
              .findFirst()
              .ifPresent(b::setValue);
          return null;
        });
  }

  @SuppressWarnings("unchecked")
  private static void showFirstRegressed(Scene scene, FxTaskExecutor tasks) throws Exception {
    onFx(
        () -> {
          ComboBox<Object> outcome = (ComboBox<Object>) scene.lookup("#predictions-outcome");
          outcome.setValue(outcome.getItems().get(1));
          return null;
        });
    settle(tasks);
    onFx(
        () -> {
          TableView<?> table = (TableView<?>) scene.lookup("#predictions-table");
          if (!table.getItems().isEmpty()) {
            table.getSelectionModel().select(0);
          }
          return null;
        });
    settle(tasks);
  }

  private static void settle(FxTaskExecutor tasks) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    Thread.sleep(600);
    while (System.currentTimeMillis() < deadline && onFx(() -> !tasks.running().isEmpty())) {
      Thread.sleep(100);
    }
    settleFor(1000);
  }

  private static void settleFor(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  private static void shoot(Scene scene, Path file) throws Exception {
    WritableImage image = onFx(() -> scene.snapshot(null));
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    LOG.info("wrote {}", file);
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
