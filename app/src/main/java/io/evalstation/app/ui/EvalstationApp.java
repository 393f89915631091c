package io.evalstation.app.ui;

import io.evalstation.app.AppContext;
import io.evalstation.app.OpenWithImport;
import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.LaunchEstimate;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.ui.compare.CompareView;
import io.evalstation.app.ui.compare.CompareViewModel;
import io.evalstation.app.ui.dashboard.DashboardView;
import io.evalstation.app.ui.dashboard.DashboardViewModel;
import io.evalstation.app.ui.detail.SessionDetailView;
import io.evalstation.app.ui.detail.SessionDetailViewModel;
import io.evalstation.app.ui.imports.ExportViewModel;
import io.evalstation.app.ui.imports.ImportView;
import io.evalstation.app.ui.imports.ImportViewModel;
import io.evalstation.app.ui.launch.LaunchView;
import io.evalstation.app.ui.launch.LaunchViewModel;
import io.evalstation.app.ui.leaderboard.LeaderboardExports;
import io.evalstation.app.ui.leaderboard.LeaderboardView;
import io.evalstation.app.ui.leaderboard.LeaderboardViewModel;
import io.evalstation.app.ui.predictions.PredictionsView;
import io.evalstation.app.ui.predictions.PredictionsViewModel;
import io.evalstation.app.ui.registry.RegistryView;
import io.evalstation.app.ui.registry.RegistryViewModel;
import io.evalstation.app.ui.sessions.SessionsView;
import io.evalstation.app.ui.sessions.SessionsViewModel;
import io.evalstation.app.ui.settings.FxClusterPrompts;
import io.evalstation.app.ui.settings.SettingsView;
import io.evalstation.app.ui.settings.SettingsViewModel;
import io.evalstation.app.ui.shell.LiveNotifications;
import io.evalstation.app.ui.shell.MainWindow;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.FxTaskExecutor;
import io.evalstation.app.ui.task.FxThread;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.app.ui.trends.TrendsView;
import io.evalstation.app.ui.trends.TrendsViewModel;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.db.ConnectionProbe;
import io.evalstation.persistence.db.PgPass;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.live.ChangeEvent;
import io.evalstation.persistence.repo.RegistryRepository;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.template.Preset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
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
import org.controlsfx.control.Notifications;
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

  /**
   * The views wired to a context: built by the app and by UI tests alike, so tests see exactly what
   * a user sees. Pages are listed in {@link #PAGE_IDS} order; the screenshot tour visits them all.
   */
  public static final class Workbench {
    /** Every page id, in navigation order (the screenshot tour and tests walk this list). */
    public static final List<String> PAGE_IDS =
        List.of(
            "dashboard",
            "sessions",
            "session",
            "launch",
            "leaderboard",
            "trends",
            "compare",
            "predictions",
            "import",
            "models",
            "settings");

    private final AppContext context;
    private final TaskExecutor tasks;
    private final MainWindow window;
    private final UiPreferences preferences;
    private final List<Runnable> liveRefreshers = new ArrayList<>();
    // The metric each analysis page shows now, by page id: "Export current view" starts from it.
    private final java.util.Map<String, java.util.function.Supplier<MetricSelector>> viewMetrics =
        new java.util.HashMap<>();
    private String lastPageId;
    private ExportViewModel exportVm;
    private final ObservableList<LiveNotifications.Notice> notices =
        FXCollections.observableArrayList();
    private final LiveNotifications notifications;
    private Consumer<LiveNotifications.Notice> noticeSink = Workbench::showDesktopNotice;

    public Workbench(AppContext context, TaskExecutor tasks) {
      this.context = context;
      this.tasks = tasks;
      this.preferences = new UiPreferences(context.settings(), tasks);
      // SSH questions (unknown host key, key passphrase) become dialogs over this window; the
      // context asks the current prompts, so this applies also to clusters opened before.
      FxClusterPrompts prompts = new FxClusterPrompts(this::ownerWindow);
      context.setClusterPrompts(prompts, prompts);
      List<Page> pages = new ArrayList<>();

      SessionDetailViewModel detailVm =
          new SessionDetailViewModel(
              context.sessions(),
              context.keyResults(),
              context.performance(),
              tasks,
              new SessionDetailViewModel.SessionControl() {
                // Built per use: the control service opens cluster connections lazily.
                @Override
                public void cancelSession(long sessionId) {
                  context
                      .controlService()
                      .cancelSession(sessionId, System.getProperty("user.name"));
                }

                @Override
                public void resubmitFailed(long sessionId) {
                  context.controlService().resubmitFailed(sessionId);
                }
              },
              taskId -> context.tasks().logSince(taskId, 0).text());
      LongConsumer openSession =
          id -> {
            detailVm.open(id);
            this.window().select("session");
          };

      DashboardViewModel dashboardVm =
          new DashboardViewModel(
              context.sessions(),
              context.keyResults(),
              context.performance(),
              tasks,
              () -> {
                var profiles = context.clusterProfiles().list();
                if (profiles.isEmpty()) {
                  return java.util.Optional.empty();
                }
                String name = profiles.get(0).name();
                return java.util.Optional.of(
                    java.util.Map.entry(name, context.clusterService().status(name)));
              });
      pages.add(
          page(
              "dashboard",
              "Dashboard",
              "Shortcut+1",
              () -> new DashboardView(dashboardVm, openSession).root(),
              dashboardVm::refresh));
      liveRefreshers.add(dashboardVm::refresh);

      SessionsViewModel sessionsVm = new SessionsViewModel(context.sessions(), tasks);
      pages.add(
          page(
              "sessions",
              "Sessions",
              "Shortcut+2",
              () -> new SessionsView(sessionsVm, openSession).root(),
              sessionsVm::refresh));
      liveRefreshers.add(sessionsVm::refresh);

      pages.add(
          page(
              "session",
              "Session detail",
              "Shortcut+3",
              () -> new SessionDetailView(detailVm, preferences).root(),
              detailVm::refresh));
      liveRefreshers.add(detailVm::refresh);

      RegistryRepository registry = context.registry();
      Analytics analytics = context.analytics();
      LaunchViewModel launchVm =
          new LaunchViewModel(
              new LaunchViewModel.Backend() {
                @Override
                public List<String> clusters() {
                  return context.clusterProfiles().list().stream()
                      .map(ClusterProfile::name)
                      .toList();
                }

                @Override
                public List<String> presets() {
                  return Preset.BUILT_IN.stream().map(Preset::name).toList();
                }

                @Override
                public List<String> models() {
                  return registry.listModels(null, null).stream().map(ModelInfo::name).toList();
                }

                @Override
                public List<String> datasets() {
                  return registry.listDatasets(null, null).stream().map(DatasetInfo::name).toList();
                }

                @Override
                public LaunchEstimate estimate(
                    List<String> models, List<String> datasets, String preset, Integer samples) {
                  return LaunchService.estimate(
                      context.jobScripts(),
                      analytics.estimates(),
                      models,
                      datasets,
                      preset,
                      samples);
                }

                @Override
                public List<JobScripts.RenderedJob> preview(LaunchService.LaunchRequest r) {
                  return context.launchService().dryRun(r);
                }

                @Override
                public LaunchService.LaunchResult launch(LaunchService.LaunchRequest r) {
                  LaunchService.LaunchResult result = context.launchService().launch(r);
                  // Follow the new jobs at once (a no-op when already monitored).
                  context.monitor(r.cluster());
                  return result;
                }
              },
              tasks);
      pages.add(
          page(
              "launch",
              "Launch",
              "Shortcut+4",
              () -> new LaunchView(launchVm).root(),
              launchVm::refresh));

      addAnalysisPages(pages);

      ImportViewModel importVm =
          new ImportViewModel(context.importer(ImportOptions.defaults())::importPaths, tasks);
      exportVm =
          new ExportViewModel(
              context.analytics(),
              context.sessions()::listSummaries,
              new LeaderboardExports(context.database().describe(), Clock.systemUTC()),
              tasks);
      pages.add(
          page(
              "import",
              "Import / Export",
              "Shortcut+9",
              () -> new ImportView(importVm, exportVm).root(),
              exportVm::refresh));

      RegistryViewModel registryVm = new RegistryViewModel(context.registry(), tasks);
      pages.add(
          page(
              "models",
              "Models and datasets",
              "Shortcut+0",
              () -> new RegistryView(registryVm).root(),
              registryVm::refresh));

      SettingsViewModel settingsVm =
          new SettingsViewModel(
              preferences,
              tasks,
              new ConnectionProbe(PgPass.forCurrentUser()),
              () -> ConnectionProbe.check(context.database()));
      pages.add(
          page(
              "settings",
              "Settings",
              "Shortcut+Comma",
              () -> new SettingsView(settingsVm).root(),
              settingsVm::refresh));
      settingsVm
          .templateEditor()
          .setStore(
              io.evalstation.app.ui.settings.TemplateEditorViewModel.Store.of(
                  context.jobTemplates()));
      settingsVm.setClusterAdder(profile -> context.clusterService().add(profile, true));
      settingsVm.setCatalog(
          new SettingsViewModel.Catalog() {
            @Override
            public List<String> clusters() {
              return context.clusterProfiles().list().stream()
                  .map(
                      p ->
                          p.name()
                              + " — "
                              + (p.user() == null ? "" : p.user() + "@")
                              + p.host()
                              + ":"
                              + p.port()
                              + (p.partition() == null ? "" : ", partition " + p.partition()))
                  .toList();
            }

            @Override
            public List<String> templates() {
              return context.jobTemplates().names();
            }

            @Override
            public List<String> presets() {
              return Preset.BUILT_IN.stream().map(Preset::name).toList();
            }
          });

      window = new MainWindow(pages, context.database().describe(), tasks);
      notifications =
          new LiveNotifications(
              context.tasks(),
              context.sessions(),
              tasks,
              n -> {
                notices.add(n);
                noticeSink.accept(n);
              });
      applyTheme(preferences.themeProperty().get());
      preferences.themeProperty().addListener((o, a, b) -> applyTheme(b));
      subscribeToChanges();
      String last = preferences.text(UiPreferences.LAST_VIEW).orElse("dashboard");
      window.select(window.pageIds().contains(last) ? last : "dashboard");
      window.setOnPageShown(
          id -> {
            preferences.put(UiPreferences.LAST_VIEW, id);
            if (id.equals("import") && lastPageId != null && exportVm != null) {
              var metric = viewMetrics.get(lastPageId);
              exportVm.preselectFor(lastPageId, metric == null ? null : metric.get());
            }
            lastPageId = id;
          });
    }

    private void applyTheme(UiPreferences.Theme theme) {
      window.root().getStyleClass().remove("dark");
      if (theme == UiPreferences.Theme.DARK) {
        window.root().getStyleClass().add("dark");
      }
    }

    private static void showDesktopNotice(LiveNotifications.Notice n) {
      Notifications note =
          Notifications.create().title(n.title()).text(n.text()).hideAfter(Duration.seconds(8));
      if (n.error()) {
        note.showError();
      } else {
        note.showInformation();
      }
    }

    // Leaderboard, Trends, Compare and Predictions read through one analytics service; Compare's
    // "Show predictions" opens Predictions on the same two runs.
    private void addAnalysisPages(List<Page> pages) {
      Analytics analytics = context.analytics();
      LeaderboardViewModel leaderboardVm =
          new LeaderboardViewModel(
              analytics,
              tasks,
              Clock.systemUTC(),
              new LeaderboardExports(context.database().describe(), Clock.systemUTC()));
      viewMetrics.put("leaderboard", () -> leaderboardVm.metricProperty().get());
      pages.add(
          page(
              "leaderboard",
              "Leaderboard",
              "Shortcut+5",
              () -> new LeaderboardView(leaderboardVm).root(),
              leaderboardVm::refresh));
      liveRefreshers.add(leaderboardVm::refresh);
      TrendsViewModel trendsVm = new TrendsViewModel(analytics, tasks);
      viewMetrics.put("trends", () -> trendsVm.metricProperty().get());
      pages.add(
          page(
              "trends",
              "Trends",
              "Shortcut+6",
              () -> new TrendsView(trendsVm).root(),
              trendsVm::refresh));
      liveRefreshers.add(trendsVm::refresh);
      CompareViewModel compareVm = new CompareViewModel(analytics, tasks);
      viewMetrics.put("compare", () -> compareVm.metricProperty().get());
      pages.add(
          page(
              "compare",
              "Compare",
              "Shortcut+7",
              () -> new CompareView(compareVm).root(),
              compareVm::refresh));
      liveRefreshers.add(compareVm::refresh);
      PredictionsViewModel predictionsVm = new PredictionsViewModel(analytics, tasks);
      pages.add(
          page(
              "predictions",
              "Predictions",
              "Shortcut+8",
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
      // An import raises thousands of NOTIFYs: queue them and hand the FX thread one batch at a
      // time, so that it is never flooded with one runnable per row.
      java.util.concurrent.ConcurrentLinkedQueue<ChangeEvent> pending =
          new java.util.concurrent.ConcurrentLinkedQueue<>();
      java.util.concurrent.atomic.AtomicBoolean scheduled =
          new java.util.concurrent.atomic.AtomicBoolean();
      Consumer<ChangeEvent> listener =
          ev -> {
            pending.add(ev);
            if (scheduled.compareAndSet(false, true)) {
              FxThread.run(
                  () -> {
                    scheduled.set(false);
                    debounce.playFromStart();
                    for (ChangeEvent e; (e = pending.poll()) != null; ) {
                      notifications.onChange(e);
                    }
                  });
            }
          };
      context.changeFeed().subscribe(listener);
    }

    /** A scene holding the main window, with the app's stylesheet and shortcuts. */
    private javafx.stage.Window ownerWindow() {
      Scene scene = window == null ? null : window.root().getScene();
      return scene == null ? null : scene.getWindow();
    }

    public Scene scene() {
      Scene scene = new Scene(window.root(), 1280, 800);
      scene.getStylesheets().add(EvalstationApp.class.getResource("app.css").toExternalForm());
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
