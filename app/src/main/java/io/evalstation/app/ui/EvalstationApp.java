package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.cli.OpenWithImport;
import io.evalstation.app.ui.sessions.SessionsView;
import io.evalstation.app.ui.sessions.SessionsViewModel;
import io.evalstation.app.ui.shell.MainWindow;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.app.ui.task.FxThread;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.live.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.input.KeyCombination;
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
    try {
      context = AppContext.open(AppContext.Options.defaults(), true);
    } catch (RuntimeException e) {
      LOG.error("cannot open the database", e);
      Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
      alert.setHeaderText("Evalstation cannot open its database");
      alert.showAndWait();
      Platform.exit();
      return;
    }
    tasks = new FxTaskExecutor("db", 4);
    Workbench workbench = new Workbench(context, tasks);
    Scene scene = workbench.scene();
    stage.setTitle("Evalstation");
    stage.setScene(scene);
    stage.setWidth(1280);
    stage.setHeight(800);
    stage.show();
    showOpenWithReport(stage);
  }

  /** The launcher's arguments for the app after it imported opened files (see OpenWithImport). */
  public static String[] openWithArguments(OpenWithImport.Report report) {
    return new String[] {
      "--" + OPEN_WITH_OK + "=" + report.ok(), "--" + OPEN_WITH_REPORT + "=" + report.text()
    };
  }

  private static final String OPEN_WITH_OK = "open-with-ok";
  private static final String OPEN_WITH_REPORT = "open-with-report";

  private void showOpenWithReport(Stage stage) {
    String report = getParameters().getNamed().get(OPEN_WITH_REPORT);
    if (report == null) {
      return;
    }
    boolean ok = Boolean.parseBoolean(getParameters().getNamed().get(OPEN_WITH_OK));
    Alert alert = new Alert(ok ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING, report);
    alert.setHeaderText(ok ? "Opened files imported" : "Opened files not imported");
    alert.initOwner(stage);
    alert.show();
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
      window = new MainWindow(pages, context.database().describe(), tasks);
      subscribeToChanges();
      window.select("sessions");
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
