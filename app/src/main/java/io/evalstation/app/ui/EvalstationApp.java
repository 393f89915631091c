package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.OpenWithImport;
import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.app.ui.task.FxThread;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.importer.ImportOptions;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop application: opens the database, builds the views, shows the main window. */
public class EvalstationApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(EvalstationApp.class);

  private AppContext context;
  private TaskExecutor tasks;

  /** Starts JavaFX with this application. */
  public static void launchApp(String[] args) {
    Application.launch(EvalstationApp.class, args);
  }

  @Override
  public void start(Stage stage) {
    // The first start unpacks and initialises the embedded PostgreSQL (seconds to a minute on a
    // slow disk): show the window at once and open the database off the FX thread.
    Label status = new Label("Starting the database…");
    status.setId("startup-status");
    ProgressIndicator spinner = new ProgressIndicator();
    VBox splash = new VBox(16, spinner, status);
    splash.setAlignment(Pos.CENTER);
    splash.getStyleClass().add("startup");
    Scene startup = new Scene(splash, 1280, 800);
    startup.getStylesheets().add(EvalstationApp.class.getResource("app.css").toExternalForm());
    stage.setTitle("Evalstation");
    stage.setScene(startup);
    stage.show();
    Thread opener =
        new Thread(
            () -> {
              try {
                AppContext opened = AppContext.open(AppContext.Options.defaults(), true);
                FxThread.run(() -> showWorkbench(stage, opened));
              } catch (RuntimeException e) {
                LOG.error("cannot open the database", e);
                FxThread.run(() -> showStartupError(e));
              }
            },
            "db-open");
    opener.setDaemon(true);
    opener.start();
  }

  private void showWorkbench(Stage stage, AppContext opened) {
    context = opened;
    tasks = new FxTaskExecutor("db", 4);
    Workbench workbench = new Workbench(context, tasks);
    stage.setScene(workbench.scene());
    UiPreferences prefs = workbench.preferences();
    stage.setWidth(prefs.number(UiPreferences.WIDTH).orElse(1280));
    stage.setHeight(prefs.number(UiPreferences.HEIGHT).orElse(800));
    stage.setOnCloseRequest(
        ev -> {
          // Remembered once, at close: a resize drag would otherwise write the file per pixel.
          prefs.settings().put(UiPreferences.WIDTH, Long.toString(Math.round(stage.getWidth())));
          prefs.settings().put(UiPreferences.HEIGHT, Long.toString(Math.round(stage.getHeight())));
          prefs.saveNow();
        });
    seedSampleData();
    startMonitors();
    importOpenedFiles(stage);
  }

  /**
   * Follows every cluster that has unfinished tasks: each monitor's first poll reconciles what
   * happened while no desktop watched (only the desktop holding a cluster's lock polls it).
   */
  private void startMonitors() {
    BackgroundTask.of("Starting cluster monitors", progress -> context.startMonitors())
        .onSuccess(started -> LOG.info("monitoring clusters {}", started))
        .onFailure(e -> LOG.warn("cluster monitors could not start", e))
        .executeWith(tasks);
  }

  /**
   * Files the app was opened with (a double-click on a result file, "Open with Evalstation"; see
   * Launcher): imported in the background, then a note says what was stored.
   */
  private void importOpenedFiles(Stage stage) {
    List<Path> files = getParameters().getUnnamed().stream().map(Path::of).toList();
    if (files.isEmpty()) {
      return;
    }
    BackgroundTask.of(
            "Importing " + files.size() + " opened file(s)",
            progress ->
                OpenWithImport.importFiles(context.importer(ImportOptions.defaults()), files))
        .onSuccess(
            r -> {
              Alert note =
                  new Alert(
                      r.ok() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING, r.text());
              note.setHeaderText(r.ok() ? "Opened files imported" : "Not everything was imported");
              note.initOwner(stage);
              note.show();
            })
        .onFailure(
            e -> {
              LOG.error("importing opened files {} failed", files, e);
              Alert error = new Alert(Alert.AlertType.ERROR, e.getMessage());
              error.setHeaderText("The opened files could not be imported");
              error.initOwner(stage);
              error.show();
            })
        .executeWith(tasks);
  }

  private void showStartupError(RuntimeException e) {
    Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
    alert.setHeaderText("Evalstation cannot open its database");
    alert.showAndWait();
    Platform.exit();
  }

  /**
   * A brand-new embedded database gets the shipped sample sessions, so that a new user has
   * something to explore; the sessions page refreshes through the change feed as they arrive.
   */
  private void seedSampleData() {
    if (!context.database().isEmbedded()) {
      return;
    }
    BackgroundTask.of("Importing sample sessions", progress -> context.seedSampleDataIfNew())
        .onSuccess(r -> LOG.info("sample data: {} ({})", r.outcome(), r.detail()))
        .onFailure(e -> LOG.warn("sample data could not be imported", e))
        .executeWith(tasks);
  }

  @Override
  public void stop() {
    if (tasks != null) {
      tasks.close();
    }
    if (context != null) {
      context.close();
    }
  }
}
