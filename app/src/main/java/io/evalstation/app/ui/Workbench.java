package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.compare.ComparePage;
import io.evalstation.app.ui.dashboard.DashboardPage;
import io.evalstation.app.ui.detail.SessionDetailPage;
import io.evalstation.app.ui.imports.ImportPage;
import io.evalstation.app.ui.launch.LaunchPage;
import io.evalstation.app.ui.leaderboard.LeaderboardPage;
import io.evalstation.app.ui.predictions.PredictionsPage;
import io.evalstation.app.ui.registry.RegistryPage;
import io.evalstation.app.ui.sessions.SessionsPage;
import io.evalstation.app.ui.settings.FxClusterPrompts;
import io.evalstation.app.ui.settings.SettingsPage;
import io.evalstation.app.ui.shell.LiveNotifications;
import io.evalstation.app.ui.shell.LiveUpdates;
import io.evalstation.app.ui.shell.MainWindow;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.app.ui.trends.TrendsPage;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * The pages wired to a context, in navigation order, inside the main window: built by the app and
 * by the UI tests alike, so that tests see exactly what a user sees.
 */
public final class Workbench {
  private final MainWindow window;
  private final UiPreferences preferences;
  private final ObservableList<LiveNotifications.Notice> notices =
      FXCollections.observableArrayList();
  private Consumer<LiveNotifications.Notice> noticeSink = LiveNotifications::showOnDesktop;

  public Workbench(AppContext app, TaskExecutor tasks) {
    this.preferences = new UiPreferences(app.settings(), tasks);
    // SSH questions (unknown host key, key passphrase) become dialogs over this window; the
    // context asks the current prompts, so this applies also to clusters opened before.
    FxClusterPrompts prompts = new FxClusterPrompts(this::ownerWindow);
    app.setClusterPrompts(prompts, prompts);
    Navigation navigation = new Navigation();
    Shell shell = new Shell(tasks, preferences, navigation, this::ownerWindow);
    List<Page> pages =
        List.of(
            DashboardPage.create(app, shell),
            SessionsPage.create(app, shell),
            SessionDetailPage.create(app, shell),
            LaunchPage.create(app, shell),
            LeaderboardPage.create(app, shell),
            TrendsPage.create(app, shell),
            ComparePage.create(app, shell),
            PredictionsPage.create(app, shell),
            ImportPage.create(app, shell),
            RegistryPage.create(app, shell),
            SettingsPage.create(app, shell));
    window = new MainWindow(pages, app.database().describe(), tasks, navigation);
    LiveNotifications notifications =
        new LiveNotifications(
            app.tasks(),
            app.sessions(),
            tasks,
            n -> {
              notices.add(n);
              noticeSink.accept(n);
            });
    window.followTheme(preferences.themeProperty());
    app.changeFeed().subscribe(new LiveUpdates(pages, notifications));
    String last = preferences.text(UiPreferences.LAST_VIEW).orElse("");
    window.select(window.pageIds().contains(last) ? last : pages.get(0).id());
    window.setOnPageShown(id -> preferences.put(UiPreferences.LAST_VIEW, id));
  }

  private Window ownerWindow() {
    Scene scene = window == null ? null : window.root().getScene();
    return scene == null ? null : scene.getWindow();
  }

  /** A scene holding the main window, with the app's stylesheet and shortcuts. */
  public Scene scene() {
    Scene scene = new Scene(window.root(), 1280, 800);
    scene.getStylesheets().add(Workbench.class.getResource("app.css").toExternalForm());
    window.installShortcuts(scene);
    return scene;
  }

  public MainWindow window() {
    return window;
  }

  public UiPreferences preferences() {
    return preferences;
  }

  /** Every notice raised so far (tests read it; the desktop also shows each one). */
  public ObservableList<LiveNotifications.Notice> notices() {
    return notices;
  }

  /** Replaces how notices are shown (tests: no popups). */
  public void setNoticeSink(Consumer<LiveNotifications.Notice> sink) {
    this.noticeSink = sink;
  }
}
