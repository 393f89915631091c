package io.evalstation.app.ui.detail;

import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.controls.PerfCharts;
import io.evalstation.app.ui.controls.ProgressEtaCell;
import io.evalstation.app.ui.controls.StatusBadge;
import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.repo.KeyResultRepository.TaskRow;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** One session: tasks on top; log, performance and provenance below. */
public final class SessionDetailView {
  static final String SPLIT_KEY = "ui.split.sessionDetail";

  private final SessionDetailViewModel viewModel;
  private final UiPreferences preferences;
  private final BorderPane root = new BorderPane();
  private final Timeline ticker;

  public SessionDetailView(SessionDetailViewModel viewModel, UiPreferences preferences) {
    this.viewModel = viewModel;
    this.preferences = preferences;
    root.setId("session-detail-view");
    root.getStyleClass().addAll("page", "session-detail");
    root.getStylesheets().add(SessionDetailView.class.getResource("detail.css").toExternalForm());
    root.setTop(header());
    SplitPane split = new SplitPane(tasksTable(), bottomTabs());
    split.setId("session-detail-split");
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(preferences.number(SPLIT_KEY).orElse(0.55));
    split
        .getDividers()
        .get(0)
        .positionProperty()
        .addListener(
            (o, a, b) ->
                preferences.put(SPLIT_KEY, String.format(Locale.ROOT, "%.3f", b.doubleValue())));
    root.setCenter(split);
    // Durations of running tasks grow each second; the tick reads nothing.
    ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> viewModel.tick(Instant.now())));
    ticker.setCycleCount(Animation.INDEFINITE);
    ticker.play();
  }

  private Node header() {
    Label title = new Label();
    title.setId("session-title");
    title.getStyleClass().add("page-title");
    StatusBadge badge = new StatusBadge();
    badge.setId("session-status");
    Label facts = new Label();
    facts.setId("session-facts");
    facts.getStyleClass().add("muted");
    viewModel
        .summaryProperty()
        .addListener(
            (o, a, s) -> {
              title.setText(s == null ? "No session" : s.session().key());
              badge.setStatus(s == null ? null : s.session().status().dbValue());
              facts.setText(s == null ? "" : facts(s));
            });
    title.setText("No session");
    Button cancel = new Button("Cancel session");
    cancel.setId("session-cancel");
    Button resubmit = new Button("Resubmit failed");
    resubmit.setId("session-resubmit");
    for (Button b : new Button[] {cancel, resubmit}) {
      b.disableProperty().bind(viewModel.controlAvailableProperty().not());
      if (!viewModel.controlAvailableProperty().get()) {
        b.setTooltip(new Tooltip(SessionDetailViewModel.CONTROL_UNAVAILABLE));
      }
    }
    cancel.setTooltip(
        viewModel.controlAvailableProperty().get()
            ? new Tooltip("Cancel every unfinished task of this session (scancel)")
            : cancel.getTooltip());
    cancel.setOnAction(e -> viewModel.cancelSession());
    resubmit.setOnAction(e -> viewModel.resubmitFailed());
    Label actionResult = new Label();
    actionResult.setId("session-action-result");
    actionResult.getStyleClass().add("muted");
    actionResult.textProperty().bind(viewModel.actionResultProperty());
    Label why = new Label("Cancel/resubmit: not available in this build");
    why.setId("session-control-why");
    why.getStyleClass().add("muted");
    why.setTooltip(new Tooltip(SessionDetailViewModel.CONTROL_UNAVAILABLE));
    why.visibleProperty().bind(viewModel.controlAvailableProperty().not());
    why.managedProperty().bind(why.visibleProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(10, title, badge, spacer, actionResult, why, cancel, resubmit);
    top.setAlignment(Pos.CENTER_LEFT);
    Label error = new Label();
    error.getStyleClass().add("error-text");
    error.textProperty().bind(viewModel.errorProperty());
    error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    VBox header = new VBox(4, top, facts, error);
    header.setPadding(new Insets(0, 0, 10, 0));
    return header;
  }

  private static String facts(SessionSummary s) {
    StringBuilder b = new StringBuilder();
    if (s.session().category() != null) {
      b.append(s.session().category()).append(" · ");
    }
    b.append(s.finishedTasks()).append(" / ").append(s.totalTasks()).append(" tasks finished");
    if (!Double.isNaN(s.successRate())) {
      b.append(String.format(" · %.0f%% succeeded", 100 * s.successRate()));
    }
    if (s.runningTasks() > 0) {
      b.append(" · ").append(s.runningTasks()).append(" running");
    }
    if (s.session().cluster() != null) {
      b.append(" · cluster ").append(s.session().cluster());
    }
    b.append(" · ").append(s.session().sourceKind().name().toLowerCase(Locale.ROOT));
    return b.toString();
  }

  private Node tasksTable() {
    TableView<TaskRow> table = new TableView<>(viewModel.rows());
    table.setId("tasks-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(text("#", r -> Integer.toString(r.task().index()), 40));
    table.getColumns().add(text("Model", r -> r.task().model(), 200));
    table.getColumns().add(text("Dataset", r -> r.task().dataset(), 160));
    table.getColumns().add(text("Preset", r -> r.task().preset(), 90));
    TableColumn<TaskRow, String> status = new TableColumn<>("Status");
    status.setPrefWidth(100);
    status.setCellValueFactory(
        c -> new ReadOnlyObjectWrapper<>(c.getValue().task().status().dbValue()));
    status.setCellFactory(
        c ->
            new TableCell<>() {
              private final StatusBadge badge = new StatusBadge();

              @Override
              protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                badge.setStatus(s);
                setGraphic(empty || s == null ? null : badge);
              }
            });
    table.getColumns().add(status);
    TableColumn<TaskRow, Double> progress = new TableColumn<>("Progress");
    progress.setPrefWidth(250);
    progress.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().task().progress()));
    progress.setCellFactory(
        c ->
            new ProgressEtaCell<>(
                r -> SessionDetailViewModel.eta(r.task(), viewModel.clockProperty().get())));
    table.getColumns().add(progress);
    TableColumn<TaskRow, String> duration = new TableColumn<>("Duration");
    duration.setId("duration-column");
    duration.setPrefWidth(100);
    duration.setCellValueFactory(
        c ->
            Bindings.createStringBinding(
                () -> {
                  var d =
                      SessionDetailViewModel.duration(
                          c.getValue().task(), viewModel.clockProperty().get());
                  return d == null ? "" : Durations.format(d);
                },
                viewModel.clockProperty()));
    table.getColumns().add(duration);
    table.getColumns().add(text("Key metric", TaskRow::keyMetricText, 140));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                viewModel.selectedProperty().set(b);
              }
            });
    viewModel
        .selectedProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
              }
            });
    Label empty = new Label("This session has no tasks.");
    empty.getStyleClass().add("empty-state");
    table.setPlaceholder(empty);
    return table;
  }

  private static TableColumn<TaskRow, String> text(
      String title, Function<TaskRow, String> value, double width) {
    TableColumn<TaskRow, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }

  private Node bottomTabs() {
    Tab log = new Tab("Log", logViewer());
    log.setId("tab-log");
    Tab perf =
        new Tab(
            "Performance",
            new HBox(
                8,
                grow(PerfCharts.gpu(viewModel.performance())),
                grow(PerfCharts.throughput(viewModel.performance()))));
    perf.setId("tab-performance");
    TextArea prov = new TextArea();
    prov.setId("session-provenance");
    prov.setEditable(false);
    prov.getStyleClass().add("mono");
    prov.textProperty().bind(viewModel.provenanceProperty());
    Tab provenance = new Tab("Provenance", prov);
    provenance.setId("tab-provenance");
    TabPane tabs = new TabPane(log, perf, provenance);
    tabs.setId("session-detail-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    return tabs;
  }

  private static Node grow(Region r) {
    HBox.setHgrow(r, Priority.ALWAYS);
    return r;
  }

  private Node logViewer() {
    TextArea area = new TextArea();
    area.setId("log-text");
    area.setEditable(false);
    area.getStyleClass().add("mono");
    CheckBox follow = new CheckBox("Follow");
    follow.setId("log-follow");
    follow.setSelected(true);
    viewModel
        .logProperty()
        .addListener(
            (o, a, b) -> {
              area.setText(b);
              if (follow.isSelected()) {
                area.positionCaret(b.length());
                area.setScrollTop(Double.MAX_VALUE);
              }
            });
    area.setText(viewModel.logProperty().get());
    TextField search = new TextField();
    search.setId("log-search");
    search.setPromptText("Search the log (Enter: next)");
    search.setPrefColumnCount(22);
    Label found = new Label();
    found.setId("log-found");
    found.getStyleClass().add("muted");
    Runnable next =
        () -> {
          String q = search.getText();
          if (q == null || q.isEmpty()) {
            found.setText("");
            return;
          }
          String text = area.getText().toLowerCase(Locale.ROOT);
          String needle = q.toLowerCase(Locale.ROOT);
          int from = area.getSelection().getLength() > 0 ? area.getSelection().getEnd() : 0;
          int at = text.indexOf(needle, from);
          if (at < 0) {
            at = text.indexOf(needle);
          }
          if (at < 0) {
            found.setText("not found");
            area.deselect();
            return;
          }
          follow.setSelected(false);
          area.selectRange(at, at + needle.length());
          int count = 0;
          for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
          }
          found.setText(count + (count == 1 ? " match" : " matches"));
        };
    search.setOnAction(e -> next.run());
    search
        .textProperty()
        .addListener(
            (o, a, b) -> {
              area.deselect();
              next.run();
            });
    Label source =
        new Label(
            "The task's state and error, the job output the cluster monitor stored, and provenance.");
    source.getStyleClass().add("muted");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, search, found, spacer, follow);
    bar.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(6, bar, area, source);
    VBox.setVgrow(area, Priority.ALWAYS);
    box.setPadding(new Insets(6));
    return box;
  }

  /** Stops the ticker (the view is discarded). */
  public void dispose() {
    ticker.stop();
  }

  public Node root() {
    return root;
  }
}
