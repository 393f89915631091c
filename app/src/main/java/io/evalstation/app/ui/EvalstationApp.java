package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.analysis.AnalysisData;
import io.evalstation.app.ui.compare.CompareView;
import io.evalstation.app.ui.compare.CompareViewModel;
import io.evalstation.app.ui.leaderboard.LeaderboardView;
import io.evalstation.app.ui.leaderboard.LeaderboardViewModel;
import io.evalstation.app.ui.predictions.PredictionsView;
import io.evalstation.app.ui.predictions.PredictionsViewModel;
import io.evalstation.app.ui.sessions.SessionsView;
import io.evalstation.app.ui.sessions.SessionsViewModel;
import io.evalstation.app.ui.shell.MainWindow;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.app.ui.task.FxThread;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.app.ui.trends.TrendsView;
import io.evalstation.app.ui.trends.TrendsViewModel;
import io.evalstation.persistence.live.ChangeEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
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
    seedSampleData();
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

  /**
   * The views wired to a context: built by the app and by UI tests alike, so tests see exactly what
   * a user sees.
   */
  public static final class Workbench {
    private final AppContext context;
    private final TaskExecutor tasks;
    private final MainWindow window;
    private final List<Runnable> liveRefreshers = new ArrayList<>();

    public Workbench(AppContext context, TaskExecutor tasks) {
      this.context = context;
      this.tasks = tasks;
      List<Page> pages = new ArrayList<>();
      SessionsViewModel sessionsVm = new SessionsViewModel(context.sessions(), tasks);
      pages.add(
          page(
              "sessions",
              "Sessions",
              "Shortcut+1",
              () -> new SessionsView(sessionsVm).root(),
              sessionsVm::refresh));
      liveRefreshers.add(sessionsVm::refresh);
      addAnalysisPages(pages);
      window = new MainWindow(pages, context.database().describe(), tasks);
      subscribeToChanges();
      window.select("sessions");
    }

    // Leaderboard, Trends, Compare and Predictions read through one analytics service; Compare's
    // "Show predictions" opens Predictions on the same two runs.
    private void addAnalysisPages(List<Page> pages) {
      AnalysisData analytics = new AnalysisData(context.database().dsl());
      LeaderboardViewModel leaderboardVm =
          new LeaderboardViewModel(analytics, tasks, Clock.systemUTC(), null);
      pages.add(
          page(
              "leaderboard",
              "Leaderboard",
              "Shortcut+4",
              () -> new LeaderboardView(leaderboardVm).root(),
              leaderboardVm::refresh));
      TrendsViewModel trendsVm = new TrendsViewModel(analytics, tasks);
      pages.add(
          page(
              "trends",
              "Trends",
              "Shortcut+5",
              () -> new TrendsView(trendsVm).root(),
              trendsVm::refresh));
      CompareViewModel compareVm = new CompareViewModel(analytics, tasks);
      pages.add(
          page(
              "compare",
              "Compare",
              "Shortcut+6",
              () -> new CompareView(compareVm).root(),
              compareVm::refresh));
      PredictionsViewModel predictionsVm = new PredictionsViewModel(analytics, tasks);
      pages.add(
          page(
              "predictions",
              "Predictions",
              "Shortcut+7",
              () -> new PredictionsView(predictionsVm).root(),
              predictionsVm::refresh));
      compareVm.setOnOpenPredictions(
          (a, b) -> {
            window.select("predictions");
            predictionsVm.show(a, b);
          });
    }

    private void subscribeToChanges() {
      // Many changes arrive in bursts (an import, a poll): refresh at most every 300 ms.
      PauseTransition debounce = new PauseTransition(Duration.millis(300));
      debounce.setOnFinished(e -> liveRefreshers.forEach(Runnable::run));
      Consumer<ChangeEvent> listener = ev -> FxThread.run(debounce::playFromStart);
      context.changeFeed().subscribe(listener);
    }

    /** A scene holding the main window, with the app's stylesheet and shortcuts. */
    public Scene scene() {
      Scene scene = new Scene(window.root(), 1280, 800);
      scene.getStylesheets().add(EvalstationApp.class.getResource("app.css").toExternalForm());
      window.installShortcuts(scene);
      return scene;
    }

    public MainWindow window() {
      return window;
    }

    static Page page(
        String id,
        String title,
        String shortcut,
        java.util.function.Supplier<Node> content,
        Runnable onShow) {
      return new Page() {
        @Override
        public String title() {
          return title;
        }

        @Override
        public String id() {
          return id;
        }

        @Override
        public KeyCombination shortcut() {
          return shortcut == null ? null : KeyCombination.keyCombination(shortcut);
        }

        @Override
        public Node content() {
          return content.get();
        }

        @Override
        public void onShow() {
          onShow.run();
        }

        @Override
        public String toString() {
          return title;
        }
      };
    }
  }
}
