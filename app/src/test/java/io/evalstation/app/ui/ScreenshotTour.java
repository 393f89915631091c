package io.evalstation.app.ui;

import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.PairedComparison;
import io.evalstation.persistence.analytics.TaskRef;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visits every page of the {@link Workbench} in navigation order on a throwaway embedded database
 * holding the shipped sample sessions (what a new user sees) and the UI fixture's running session
 * with live performance samples, and writes {@code <out>/<page>.png} for each, plus {@code
 * dashboard-dark.png}. Compare and Predictions show the pair of runs with the most disagreements,
 * Predictions filtered to the regressed samples with one selected; Import / Export after importing
 * a small generated corpus. Run by {@code scripts/screenshots.sh} under Xvfb.
 *
 * <p>Usage: {@code ScreenshotTour OUT_DIR [page ...]} (no pages: all of them).
 */
public final class ScreenshotTour {
  private static final Logger LOG = LoggerFactory.getLogger(ScreenshotTour.class);

  private final UiHarness harness;
  private Workbench wb;
  private Scene scene;

  private ScreenshotTour(UiHarness harness) {
    this.harness = harness;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").toAbsolutePath();
    Files.createDirectories(out);
    List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    Path dir = Files.createTempDirectory("evalstation-tour");
    try (UiHarness harness = UiHarness.open(dir, UiHarness.Fixture.NONE)) {
      LOG.info("sample data: {}", harness.context.seedSampleDataIfNew());
      UiFixtures.seed(harness.db.dsl());
      CompletableFuture<Void> started = new CompletableFuture<>();
      Platform.startup(() -> started.complete(null));
      started.get(30, TimeUnit.SECONDS);
      List<String> written = new ScreenshotTour(harness).visit(out, only);
      LOG.info("wrote {} screenshots to {}: {}", written.size(), out, written);
    } finally {
      Platform.exit();
    }
  }

  private List<String> visit(Path out, List<String> only) throws Exception {
    TaskRef[] pair = mostInterestingPair(harness.context.analytics());
    wb =
        UiHarness.onFx(
            () -> {
              Stage stage = new Stage();
              Workbench w = harness.show(stage);
              stage.setWidth(1440);
              stage.setHeight(900);
              return w;
            });
    scene = UiHarness.onFx(() -> wb.window().root().getScene());
    List<String> written = new ArrayList<>();
    for (String page : UiHarness.onFx(() -> wb.window().pageIds())) {
      if (!only.isEmpty() && !only.contains(page)) {
        continue;
      }
      if (page.equals("import")) {
        importDemoCorpus(harness.dir.resolve("corpus"));
      }
      show(page);
      if (pair != null && (page.equals("compare") || page.equals("predictions"))) {
        choosePair(page, pair);
      }
      if (page.equals("predictions")) {
        showFirstRegressed();
      }
      written.add(shoot(out.resolve(page + ".png")));
    }
    if (only.isEmpty() || only.contains("dashboard-dark")) {
      setTheme(UiPreferences.Theme.DARK);
      show("dashboard");
      written.add(shoot(out.resolve("dashboard-dark.png")));
      setTheme(UiPreferences.Theme.LIGHT);
    }
    return written;
  }

  private void setTheme(UiPreferences.Theme theme) {
    UiHarness.onFx(
        () -> {
          wb.preferences().themeProperty().set(theme);
          return null;
        });
  }

  private void show(String page) throws InterruptedException {
    UiHarness.onFx(
        () -> {
          wb.window().select(page);
          return null;
        });
    settle();
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
  private void choosePair(String prefix, TaskRef[] pair) throws InterruptedException {
    UiHarness.onFx(
        () -> {
          ((ComboBox<String>) scene.lookup("#" + prefix + "-dataset")).setValue(pair[0].dataset());
          ((ComboBox<String>) scene.lookup("#" + prefix + "-model-a")).setValue(pair[0].model());
          ((ComboBox<String>) scene.lookup("#" + prefix + "-model-b")).setValue(pair[1].model());
          return null;
        });
    Thread.sleep(1500);
    UiHarness.onFx(
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
    settle();
  }

  @SuppressWarnings("unchecked")
  private void showFirstRegressed() throws InterruptedException {
    UiHarness.onFx(
        () -> {
          ComboBox<Object> outcome = (ComboBox<Object>) scene.lookup("#predictions-outcome");
          outcome.setValue(outcome.getItems().get(1));
          return null;
        });
    settle();
    UiHarness.onFx(
        () -> {
          TableView<?> table = (TableView<?>) scene.lookup("#predictions-table");
          if (!table.getItems().isEmpty()) {
            table.getSelectionModel().select(0);
          }
          return null;
        });
    settle();
  }

  /** Imports a small generated corpus through the Import view, as a user dropping a folder. */
  @SuppressWarnings("unchecked")
  private void importDemoCorpus(Path corpus) throws InterruptedException {
    new DemoCorpusGenerator(DemoCorpusGenerator.Options.of(4, 7).withPredictionsPerTask(40))
        .generate(corpus);
    show("import");
    UiHarness.onFx(
        () -> {
          ((ListView<Path>) scene.lookup("#import-paths")).getItems().add(corpus);
          ((Button) scene.lookup("#import-start")).fire();
          return null;
        });
    waitIdle(120_000);
  }

  // Let the page's reads finish and a few pulses lay it out.
  private void settle() throws InterruptedException {
    waitIdle(20_000);
    Thread.sleep(1000);
  }

  private void waitIdle(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    Thread.sleep(800);
    while (System.currentTimeMillis() < deadline && !UiHarness.onFx(harness::idle)) {
      Thread.sleep(100);
    }
  }

  private String shoot(Path file) throws Exception {
    WritableImage image = UiHarness.onFx(() -> scene.snapshot(null));
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    LOG.info("wrote {}", file);
    return file.getFileName().toString();
  }
}
