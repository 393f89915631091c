package io.evalstation.app.ui.registry;

import io.evalstation.app.ui.controls.Cells;
import io.evalstation.app.ui.controls.Forms;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Models and datasets: two editable tables with one search field. */
public final class RegistryView {
  private final RegistryViewModel viewModel;
  private final BorderPane root = new BorderPane();

  public RegistryView(RegistryViewModel viewModel) {
    this.viewModel = viewModel;
    root.setId("registry-view");
    root.getStyleClass().addAll("page", "registry");
    root.getStylesheets().add(RegistryView.class.getResource("registry.css").toExternalForm());
    root.setTop(header());
    TabPane tabs = new TabPane(modelsTab(), datasetsTab());
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("registry-tabs");
    root.setCenter(tabs);
  }

  private Node header() {
    Label title = new Label("Models and datasets");
    title.getStyleClass().add("page-title");
    TextField search = new TextField();
    search.setId("registry-filter");
    search.setPromptText("Filter by name, family, category…");
    search.setPrefColumnCount(24);
    search.textProperty().bindBidirectional(viewModel.filterProperty());
    Label summary = new Label();
    summary.setId("registry-summary");
    summary.getStyleClass().add("muted");
    summary.textProperty().bind(viewModel.summaryProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(12, title, spacer, summary, search);
    top.setAlignment(Pos.CENTER_LEFT);
    Label hint = new Label("Double-click a cell to edit it; Enter saves. Names come from imports.");
    hint.getStyleClass().add("muted");
    Label error = Forms.errorLine(viewModel.errorProperty());
    error.setId("registry-error");
    VBox header = new VBox(6, top, hint, error);
    header.setPadding(new Insets(0, 0, 10, 0));
    return header;
  }

  private Tab modelsTab() {
    return tab(
        "Models",
        viewModel.models(),
        "No models yet: they appear when sessions are imported or launched.",
        List.of(
            readOnly("Model", ModelInfo::name),
            editable(
                "Family",
                ModelInfo::family,
                (m, v) ->
                    new ModelInfo(
                        m.name(),
                        v,
                        m.parameterCount(),
                        m.specialization(),
                        m.backend(),
                        m.weights()),
                viewModel::save),
            editable(
                "Parameters",
                m -> m.parameterCount() == null ? null : ParameterCounts.format(m.parameterCount()),
                (m, v) ->
                    new ModelInfo(
                        m.name(),
                        m.family(),
                        ParameterCounts.parse(v),
                        m.specialization(),
                        m.backend(),
                        m.weights()),
                viewModel::save),
            editable(
                "Specialization",
                ModelInfo::specialization,
                (m, v) ->
                    new ModelInfo(
                        m.name(), m.family(), m.parameterCount(), v, m.backend(), m.weights()),
                viewModel::save),
            editable(
                "Backend",
                ModelInfo::backend,
                (m, v) ->
                    new ModelInfo(
                        m.name(),
                        m.family(),
                        m.parameterCount(),
                        m.specialization(),
                        v,
                        m.weights()),
                viewModel::save),
            editable(
                "Weights or hub id",
                ModelInfo::weights,
                (m, v) ->
                    new ModelInfo(
                        m.name(),
                        m.family(),
                        m.parameterCount(),
                        m.specialization(),
                        m.backend(),
                        v),
                viewModel::save)));
  }

  private Tab datasetsTab() {
    return tab(
        "Datasets",
        viewModel.datasets(),
        "No datasets yet: they appear when sessions are imported or launched.",
        List.of(
            readOnly("Dataset", DatasetInfo::name),
            editable(
                "Category",
                DatasetInfo::category,
                (d, v) ->
                    new DatasetInfo(
                        d.name(), d.taskType(), v, d.sampleCount(), d.filePath(), d.harnessTask()),
                viewModel::save),
            editable(
                "Task type",
                DatasetInfo::taskType,
                (d, v) ->
                    new DatasetInfo(
                        d.name(), v, d.category(), d.sampleCount(), d.filePath(), d.harnessTask()),
                viewModel::save),
            editable(
                "Samples",
                d -> d.sampleCount() == null ? null : d.sampleCount().toString(),
                (d, v) ->
                    new DatasetInfo(
                        d.name(),
                        d.taskType(),
                        d.category(),
                        parseCount(v),
                        d.filePath(),
                        d.harnessTask()),
                viewModel::save),
            editable(
                "Harness task",
                DatasetInfo::harnessTask,
                (d, v) ->
                    new DatasetInfo(
                        d.name(), d.taskType(), d.category(), d.sampleCount(), d.filePath(), v),
                viewModel::save),
            editable(
                "File",
                DatasetInfo::filePath,
                (d, v) ->
                    new DatasetInfo(
                        d.name(), d.taskType(), d.category(), d.sampleCount(), v, d.harnessTask()),
                viewModel::save)));
  }

  // A registry's tab: an editable table of its rows ({@code models-table}, {@code models-tab}).
  private static <S> Tab tab(
      String name, ObservableList<S> rows, String emptyText, List<TableColumn<S, String>> columns) {
    String id = name.toLowerCase(Locale.ROOT);
    TableView<S> table = new TableView<>(rows);
    table.setId(id + "-table");
    table.setEditable(true);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().setAll(columns);
    table.setPlaceholder(empty(emptyText));
    Tab tab = new Tab(name, table);
    tab.setId(id + "-tab");
    return tab;
  }

  private static Integer parseCount(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim().replace(",", "").replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sample count '" + v + "' is not a whole number");
    }
  }

  private static <S> TableColumn<S, String> readOnly(String title, Function<S, String> value) {
    TableColumn<S, String> c = Cells.column(title, value);
    c.setEditable(false);
    return c;
  }

  private <S> TableColumn<S, String> editable(
      String title,
      Function<S, String> value,
      BiFunction<S, String, S> with,
      java.util.function.Consumer<S> save) {
    TableColumn<S, String> c = readOnly(title, value);
    c.setEditable(true);
    c.setCellFactory(TextFieldTableCell.forTableColumn());
    c.setOnEditCommit(
        e -> {
          S row = e.getRowValue();
          String v = e.getNewValue() == null || e.getNewValue().isBlank() ? null : e.getNewValue();
          try {
            save.accept(with.apply(row, v));
          } catch (IllegalArgumentException ex) {
            viewModel.rejectEdit(ex.getMessage());
            e.getTableView().refresh();
          }
        });
    return c;
  }

  private static Label empty(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("empty-state");
    return l;
  }

  public Node root() {
    return root;
  }
}
