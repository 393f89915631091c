package io.evalstation.app.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.controls.PerfCharts;
import io.evalstation.app.ui.controls.StatusBadge;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.repo.KeyResultRepository.RecentResult;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The dashboard: session cards, cluster tiles, live charts and recent results. */
public final class DashboardView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final DashboardViewModel viewModel;
  private final LongConsumer openSession;
  private final VBox content = new VBox(16);
  private final ScrollPane root = new ScrollPane(content);
  private final FlowPane cardPane = new FlowPane(12, 12);

  public DashboardView(DashboardViewModel viewModel, LongConsumer openSession) {
    this.viewModel = viewModel;
    this.openSession = openSession;
    root.setId("dashboard-view");
    root.setFitToWidth(true);
    root.getStyleClass().addAll("page", "dashboard");
    root.getStylesheets().add(DashboardView.class.getResource("dashboard.css").toExternalForm());
    content.getChildren().addAll(header(), cards(), tiles(), charts(), results());
    content.setPadding(new Insets(0, 4, 8, 0));
  }

  private Node header() {
    Label title = new Label("Dashboard");
    title.getStyleClass().add("page-title");
    Label error = new Label();
    error.getStyleClass().add("error-text");
    error.textProperty().bind(viewModel.errorProperty());
    error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    return new VBox(4, title, error);
  }

  private Node cards() {
    cardPane.setId("session-cards");
    Label empty = new Label("No sessions yet: import results or launch a grid.");
    empty.getStyleClass().add("empty-state");
    viewModel
        .cards()
        .addListener(
            (ListChangeListener<SessionSummary>)
                c -> {
                  cardPane
                      .getChildren()
                      .setAll(viewModel.cards().stream().map(this::card).toList());
                  if (viewModel.cards().isEmpty()) {
                    cardPane.getChildren().setAll(empty);
                  }
                });
    cardPane.getChildren().setAll(empty);
    return section("Sessions", cardPane);
  }

  private Node card(SessionSummary s) {
    Label key = new Label(s.session().key());
    key.getStyleClass().add("card-title");
    StatusBadge badge = new StatusBadge(s.session().status().dbValue());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(8, key, spacer, badge);
    top.setAlignment(Pos.CENTER_LEFT);
    Label category =
        new Label(s.session().category() == null ? "uncategorised" : s.session().category());
    category.getStyleClass().add("muted");
    Label counts =
        new Label(
            s.finishedTasks()
                + " / "
                + s.totalTasks()
                + " tasks"
                + (Double.isNaN(s.successRate())
                    ? ""
                    : String.format(" · %.0f%% succeeded", 100 * s.successRate())));
    counts.getStyleClass().add("card-counts");
    ProgressBar bar =
        new ProgressBar(s.totalTasks() == 0 ? 0 : (double) s.finishedTasks() / s.totalTasks());
    bar.setMaxWidth(Double.MAX_VALUE);
    var eta = DashboardViewModel.eta(s, Instant.now());
    Label etaLabel =
        new Label(
            eta != null
                ? "about " + Durations.format(eta) + " left"
                : s.session().startTime() == null
                    ? ""
                    : "started " + TIME.format(s.session().startTime()));
    etaLabel.getStyleClass().add("muted");
    VBox card = new VBox(6, top, category, counts, bar, etaLabel);
    card.getStyleClass().add("session-card");
    card.setId("card-" + s.session().id());
    card.setPrefWidth(270);
    card.setFocusTraversable(true);
    // Consumed so that the scroll pane does not take the focus back: Enter then opens the card.
    card.setOnMousePressed(
        e -> {
          card.requestFocus();
          e.consume();
        });
    card.setOnMouseClicked(
        e -> {
          if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            openSession.accept(s.session().id());
          }
        });
    card.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            openSession.accept(s.session().id());
          }
        });
    return card;
  }

  private Node tiles() {
    Tile active =
        TileBuilder.create()
            .skinType(Tile.SkinType.NUMBER)
            .title("Active sessions")
            .decimals(0)
            .prefSize(160, 130)
            .build();
    active.setId("tile-active");
    active.valueProperty().bind(viewModel.activeSessionsProperty());
    Tile running =
        TileBuilder.create()
            .skinType(Tile.SkinType.NUMBER)
            .title("Running tasks")
            .decimals(0)
            .prefSize(160, 130)
            .build();
    running.setId("tile-running");
    running.valueProperty().bind(viewModel.runningTasksProperty());
    FlowPane box = new FlowPane(12, 12, active, running);
    box.getChildren()
        .addAll(
            textTile("Nodes active", viewModel.nodesProperty()),
            textTile("GPUs available", viewModel.gpusProperty()),
            textTile("Pending jobs", viewModel.pendingProperty()),
            textTile("Estimated wait", viewModel.waitProperty()));
    Label cluster = new Label();
    cluster.setId("cluster-state");
    cluster.getStyleClass().add("muted");
    cluster.textProperty().bind(viewModel.clusterStateProperty());
    return section("Cluster", new VBox(6, cluster, box));
  }

  private Tile textTile(String name, javafx.beans.value.ObservableValue<String> value) {
    Tile t =
        TileBuilder.create()
            .skinType(Tile.SkinType.TEXT)
            .title(name)
            .descriptionAlignment(Pos.CENTER)
            .prefSize(160, 130)
            .build();
    t.descriptionProperty().bind(value);
    t.setId("tile-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    return t;
  }

  private Node charts() {
    var gpu = PerfCharts.gpu(viewModel.performance());
    gpu.setId("chart-gpu");
    var tp = PerfCharts.throughput(viewModel.performance());
    tp.setId("chart-throughput");
    HBox.setHgrow(gpu, Priority.ALWAYS);
    HBox.setHgrow(tp, Priority.ALWAYS);
    gpu.setPrefHeight(240);
    tp.setPrefHeight(240);
    return section(
        "Performance (last " + DashboardViewModel.PERF_MINUTES + " minutes)",
        new HBox(12, gpu, tp));
  }

  private Node results() {
    TableView<RecentResult> table = new TableView<>(viewModel.results());
    table.setId("recent-results");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("Model", RecentResult::model));
    table.getColumns().add(column("Dataset", RecentResult::dataset));
    table.getColumns().add(column("Metric", RecentResult::metric));
    table.getColumns().add(column("Value", r -> String.format("%.4f", r.value())));
    table.getColumns().add(column("Session", RecentResult::sessionKey));
    table
        .getColumns()
        .add(column("Finished", r -> r.finishedAt() == null ? "" : TIME.format(r.finishedAt())));
    table.setPrefHeight(300);
    Label empty = new Label("No completed tasks yet.");
    empty.getStyleClass().add("empty-state");
    table.setPlaceholder(empty);
    return section("Recent results", table);
  }

  private static TableColumn<RecentResult, String> column(
      String title, Function<RecentResult, String> value) {
    TableColumn<RecentResult, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }

  private static Node section(String title, Node body) {
    Label l = new Label(title);
    l.getStyleClass().add("section-title");
    return new VBox(8, l, body);
  }

  public Node root() {
    return root;
  }
}
