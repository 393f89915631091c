package io.evalstation.app.ui.leaderboard;

import io.evalstation.app.ui.analysis.ResultFilters.TimeWindow;
import io.evalstation.app.ui.controls.Cells;
import io.evalstation.app.ui.controls.ExportFiles;
import io.evalstation.app.ui.controls.Forms;
import io.evalstation.persistence.analytics.LeaderboardRow;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.export.ReportFormat;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Leaderboard: metric and filters above a sortable ranked table with CI bars; export. */
public final class LeaderboardView {
  private final LeaderboardViewModel viewModel;
  private final BorderPane root = new BorderPane();

  public LeaderboardView(LeaderboardViewModel viewModel) {
    this.viewModel = viewModel;
    root.setId("leaderboard-view");
    root.getStyleClass().addAll("page", "leaderboard");
    root.getStylesheets()
        .add(LeaderboardView.class.getResource("leaderboard.css").toExternalForm());
    root.setTop(new VBox(6, header(), filters()));
    root.setCenter(table());
    root.setBottom(footer());
  }

  private Node header() {
    Label title = new Label("Leaderboard");
    title.getStyleClass().add("page-title");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox box = new HBox(8, title, spacer);
    if (viewModel.canExport()) {
      box.getChildren().add(new Label("Export"));
      box.getChildren().add(exportButton(ReportFormat.XLSX, "Excel…"));
      box.getChildren().add(exportButton(ReportFormat.CSV, "CSV…"));
      box.getChildren().add(exportButton(ReportFormat.LATEX, "LaTeX…"));
    }
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private Button exportButton(ReportFormat format, String text) {
    Button b = new Button(text);
    b.setId("export-" + format.extension());
    b.disableProperty().bind(viewModel.leaderboardProperty().isNull());
    b.setOnAction(
        e ->
            ExportFiles.choose(
                    root, format, "leaderboard", "Export the leaderboard as " + format.label())
                .ifPresent(file -> viewModel.export(format, file)));
    return b;
  }

  private Node filters() {
    ComboBox<MetricSelector> metric = new ComboBox<>();
    metric.setId("leaderboard-metric");
    metric.itemsProperty().bind(viewModel.metricsProperty());
    metric.valueProperty().bindBidirectional(viewModel.metricProperty());
    metric.setPrefWidth(200);
    ComboBox<TimeWindow> window = new ComboBox<>();
    window.setId("leaderboard-window");
    window.getItems().setAll(TimeWindow.values());
    window.valueProperty().bindBidirectional(viewModel.filters().windowProperty());
    Spinner<Integer> min = new Spinner<>(1, 1000, 1);
    min.setId("leaderboard-min");
    min.setEditable(true);
    min.setPrefWidth(80);
    min.getValueFactory()
        .valueProperty()
        .addListener((o, a, b) -> viewModel.filters().minEvaluationsProperty().set(b));
    FlowPane pane =
        new FlowPane(
            10,
            8,
            Forms.labelled("Metric", metric),
            Forms.labelled(
                "Dataset",
                choice(
                    "dataset",
                    viewModel.filters().datasetsProperty(),
                    viewModel.filters().datasetProperty())),
            Forms.labelled(
                "Category",
                choice(
                    "category",
                    viewModel.filters().categoriesProperty(),
                    viewModel.filters().categoryProperty())),
            Forms.labelled(
                "Family",
                choice(
                    "family",
                    viewModel.filters().familiesProperty(),
                    viewModel.filters().familyProperty())),
            Forms.labelled(
                "Specialization",
                choice(
                    "specialization",
                    viewModel.filters().specializationsProperty(),
                    viewModel.filters().specializationProperty())),
            Forms.labelled(
                "Preset",
                choice(
                    "preset",
                    viewModel.filters().presetsProperty(),
                    viewModel.filters().presetProperty())),
            Forms.labelled("Time window", window),
            Forms.labelled("Min. evaluations", min));
    pane.getStyleClass().add("filters");
    return pane;
  }

  private static ComboBox<String> choice(
      String id, ObservableList<String> items, StringProperty value) {
    ComboBox<String> box = new ComboBox<>(items);
    box.setId("leaderboard-" + id);
    box.valueProperty().bindBidirectional(value);
    box.setPrefWidth(140);
    return box;
  }

  private Node table() {
    TableView<LeaderboardRow> table = new TableView<>();
    table.setId("leaderboard-table");
    table.itemsProperty().bind(viewModel.rowsProperty());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<LeaderboardRow, Integer> rank =
        column("#", LeaderboardRow::rank, "rank-cell", null);
    rank.setMaxWidth(60);
    table.getColumns().add(rank);
    TableColumn<LeaderboardRow, String> model = column("Model", LeaderboardRow::model, null, null);
    model.setPrefWidth(220);
    table.getColumns().add(model);
    table.getColumns().add(column("Mean", LeaderboardRow::mean, "number-cell", "%.4f"));
    table.getColumns().add(column("± stderr", LeaderboardRow::stderr, "number-cell", "± %.4f"));
    table.getColumns().add(ciColumn());
    table.getColumns().add(column("Count", LeaderboardRow::evaluations, "number-cell", null));
    table
        .getColumns()
        .add(column("Avg. time (s)", LeaderboardRow::avgResponseTime, "number-cell", "%.2f"));
    table.getColumns().add(column("Family", LeaderboardRow::family, null, null));
    Label empty = new Label("No results for this metric and these filters.");
    empty.getStyleClass().add("empty-state");
    table.setPlaceholder(empty);
    return table;
  }

  private TableColumn<LeaderboardRow, LeaderboardRow> ciColumn() {
    TableColumn<LeaderboardRow, LeaderboardRow> c = new TableColumn<>("95% CI");
    c.setId("column-ci");
    c.setPrefWidth(180);
    c.setSortable(false);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
    c.setCellFactory(
        col ->
            new TableCell<>() {
              private final CiBar bar = new CiBar();

              @Override
              protected void updateItem(LeaderboardRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                  setGraphic(null);
                  setTooltip(null);
                  return;
                }
                bar.show(
                    viewModel.scaleLowProperty().get(),
                    viewModel.scaleHighProperty().get(),
                    row.ciLow() == null ? Double.NaN : row.ciLow(),
                    row.mean(),
                    row.ciHigh() == null ? Double.NaN : row.ciHigh());
                setGraphic(bar);
                setTooltip(
                    row.ciLow() == null
                        ? new javafx.scene.control.Tooltip("one evaluation: no interval")
                        : new javafx.scene.control.Tooltip(
                            String.format(
                                Locale.ROOT, "95%% CI [%.4f, %.4f]", row.ciLow(), row.ciHigh())));
              }
            });
    return c;
  }

  private static <T extends Comparable<T>> TableColumn<LeaderboardRow, T> column(
      String title, Function<LeaderboardRow, T> value, String styleClass, String format) {
    TableColumn<LeaderboardRow, T> c = Cells.column(title, value);
    c.setCellFactory(
        Cells.text(
            item -> format == null ? item.toString() : String.format(Locale.ROOT, format, item),
            null,
            null));
    if (styleClass != null) {
      c.getStyleClass().add(styleClass);
    }
    return c;
  }

  private Node footer() {
    Label summary = new Label();
    summary.setId("leaderboard-summary");
    summary.getStyleClass().add("summary");
    summary.textProperty().bind(viewModel.summaryProperty());
    Label error = Forms.errorLine(viewModel.errorProperty());
    Label export = new Label();
    export.setId("leaderboard-export-status");
    export.textProperty().bind(viewModel.exportStatusProperty());
    VBox box = new VBox(4, summary, error, export);
    box.setPadding(new Insets(8, 0, 0, 0));
    return box;
  }

  public Node root() {
    return root;
  }
}
