package io.evalstation.app.ui.shell;

import io.evalstation.app.ui.controls.Cells;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.app.ui.task.TaskHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The frame around every view: navigation on the left, the current view in the middle, a status bar
 * (database, running work with cancel) at the bottom.
 */
public final class MainWindow {
  private final BorderPane root = new BorderPane();
  private final StackPane center = new StackPane();
  private final ListView<Page> navigation = new ListView<>();
  private final Map<Page, Node> built = new LinkedHashMap<>();
  private final Label databaseLabel = new Label();
  private java.util.function.Consumer<String> onPageShown = id -> {};
  private Page current;

  /**
   * @param requests the pages' requests to show another page are shown in this window
   */
  public MainWindow(
      List<Page> pages, String databaseDescription, TaskExecutor tasks, Navigation requests) {
    requests.showWith(this::select);
    navigation.setItems(FXCollections.observableArrayList(pages));
    navigation.setId("navigation");
    navigation.getStyleClass().add("navigation");
    navigation.setPrefWidth(190);
    navigation.setCellFactory(Cells.listText(Page::title, p -> "nav-" + p.id()));
    navigation
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, page) -> show(page));
    center.getStyleClass().add("content");
    databaseLabel.setId("status-database");
    databaseLabel.setText("Database: " + databaseDescription);
    root.setLeft(navigation);
    root.setCenter(center);
    root.setBottom(statusBar(tasks));
    root.getStyleClass().add("main-window");
  }

  private Node statusBar(TaskExecutor tasks) {
    Label work = new Label();
    work.setId("status-work");
    ProgressBar progress = new ProgressBar();
    progress.setPrefWidth(160);
    Button cancel = new Button("Cancel");
    cancel.setId("status-cancel");
    HBox running = new HBox(8, work, progress, cancel);
    running.setAlignment(Pos.CENTER_RIGHT);
    running.visibleProperty().bind(Bindings.isNotEmpty(tasks.running()));
    running.managedProperty().bind(running.visibleProperty());
    tasks
        .running()
        .addListener(
            (javafx.collections.ListChangeListener<TaskHandle>)
                c -> {
                  progress.progressProperty().unbind();
                  work.textProperty().unbind();
                  if (!tasks.running().isEmpty()) {
                    TaskHandle h = tasks.running().get(tasks.running().size() - 1);
                    progress.progressProperty().bind(h.progressProperty());
                    work.textProperty().bind(h.messageProperty());
                    cancel.setOnAction(e -> h.cancel());
                  }
                });
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(12, databaseLabel, spacer, running);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 10, 4, 10));
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  /** Shows the page with the given id. */
  public void select(String pageId) {
    navigation.getItems().stream()
        .filter(p -> p.id().equals(pageId))
        .findFirst()
        .ifPresent(p -> navigation.getSelectionModel().select(p));
  }

  /** The id of the page shown now. */
  public String selectedPageId() {
    Page p = navigation.getSelectionModel().getSelectedItem();
    return p == null ? null : p.id();
  }

  private void show(Page page) {
    if (page == null) {
      return;
    }
    Node content = built.computeIfAbsent(page, Page::content);
    center.getChildren().setAll(content);
    Page previous = current;
    current = page;
    page.shown(previous);
    onPageShown.accept(page.id());
  }

  /** Called with the page id each time a page is shown (to remember the last view). */
  public void setOnPageShown(java.util.function.Consumer<String> listener) {
    this.onPageShown = listener;
  }

  /** The ids of all pages, in navigation order. */
  public List<String> pageIds() {
    return navigation.getItems().stream().map(Page::id).toList();
  }

  /** Installs the pages' shortcuts on the scene. */
  public void installShortcuts(Scene scene) {
    for (Page p : navigation.getItems()) {
      if (p.shortcut() != null) {
        scene.getAccelerators().put(p.shortcut(), () -> select(p.id()));
      }
    }
  }

  /** Follows the theme: the dark one is a style class on the root (see app.css). */
  public void followTheme(javafx.beans.value.ObservableValue<UiPreferences.Theme> theme) {
    applyTheme(theme.getValue());
    theme.addListener((o, a, b) -> applyTheme(b));
  }

  private void applyTheme(UiPreferences.Theme theme) {
    root.getStyleClass().remove("dark");
    if (theme == UiPreferences.Theme.DARK) {
      root.getStyleClass().add("dark");
    }
  }

  public BorderPane root() {
    return root;
  }
}
