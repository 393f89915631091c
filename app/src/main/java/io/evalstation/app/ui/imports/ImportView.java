package io.evalstation.app.ui.imports;

import static io.evalstation.app.ui.controls.Cells.column;

import io.evalstation.app.ui.controls.Cells;
import io.evalstation.app.ui.controls.ExportFiles;
import io.evalstation.app.ui.controls.WorkControls;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.export.ReportFormat;
import io.evalstation.persistence.importer.UnitReport;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** Import: a drop zone and choosers, progress with cancel, a result per file. */
public final class ImportView {
  private final ImportViewModel viewModel;
  private final ExportViewModel exports;
  private final BorderPane root = new BorderPane();

  /**
   * @param exports the export section's state; null shows the import alone
   */
  public ImportView(ImportViewModel viewModel, ExportViewModel exports) {
    this.viewModel = viewModel;
    this.exports = exports;
    root.setId("import-view");
    root.getStyleClass().addAll("page", "import");
    root.getStylesheets().add(ImportView.class.getResource("imports.css").toExternalForm());
    Label title = new Label("Import / Export");
    title.getStyleClass().add("page-title");
    VBox top = new VBox(10, title, dropZone(), progress());
    top.setPadding(new Insets(0, 0, 10, 0));
    root.setTop(top);
    root.setCenter(results());
    if (exports != null) {
      root.setBottom(exportSection());
    }
  }

  private Node exportSection() {
    Label heading = new Label("Export");
    heading.getStyleClass().add("section-title");
    ComboBox<ExportViewModel.What> what =
        new ComboBox<>(FXCollections.observableArrayList(ExportViewModel.What.values()));
    what.setId("export-what");
    what.valueProperty().bindBidirectional(exports.whatProperty());
    ComboBox<ReportFormat> format = ExportFiles.formatPicker();
    format.setId("export-format");
    format.valueProperty().bindBidirectional(exports.formatProperty());
    ComboBox<MetricSelector> metric = new ComboBox<>(exports.metrics());
    metric.setId("export-metric");
    metric.setPromptText("Metric");
    metric.valueProperty().bindBidirectional(exports.metricProperty());
    ComboBox<SessionSummary> session = new ComboBox<>(exports.sessions());
    session.setId("export-session");
    session.setPromptText("Session");
    session.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(SessionSummary s) {
            return s == null ? "" : s.session().key();
          }

          @Override
          public SessionSummary fromString(String text) {
            return null;
          }
        });
    session.valueProperty().bindBidirectional(exports.sessionProperty());
    BooleanBinding forSession =
        Bindings.createBooleanBinding(
            () -> exports.whatProperty().get() == ExportViewModel.What.SESSION,
            exports.whatProperty());
    metric.visibleProperty().bind(forSession.not());
    metric.managedProperty().bind(metric.visibleProperty());
    session.visibleProperty().bind(forSession);
    session.managedProperty().bind(session.visibleProperty());
    Label target = new Label();
    target.setId("export-target");
    target
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    exports.targetProperty().get() == null
                        ? "No file chosen"
                        : exports.targetProperty().get().toString(),
                exports.targetProperty()));
    Button choose = new Button("File…");
    choose.setId("export-choose");
    choose.setOnAction(e -> chooseTarget());
    Button start = new Button("Export");
    start.setId("export-start");
    start.getStyleClass().add("accent");
    start.disableProperty().bind(exports.work().runningProperty());
    start.setOnAction(e -> exports.export());
    ProgressBar bar = WorkControls.bar(exports.work(), "export");
    Button cancel = WorkControls.cancel(exports.work(), "export", exports::cancel);
    Label status = WorkControls.status(exports.work(), "export");
    HBox choices = new HBox(8, what, metric, session, format, choose, target);
    choices.setAlignment(Pos.CENTER_LEFT);
    HBox run = new HBox(8, start, bar, cancel);
    run.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(8, heading, choices, run, status);
    box.setId("export-section");
    // Lets a UI test set the target file without the native file dialog.
    box.getProperties().put(ExportViewModel.class, exports);
    box.setPadding(new Insets(10, 0, 0, 0));
    return box;
  }

  private void chooseTarget() {
    ReportFormat f = exports.formatProperty().get();
    if (f == null) {
      return;
    }
    String what = String.valueOf(exports.whatProperty().get()).split(" ")[0].toLowerCase();
    ExportFiles.choose(root, f, what, "Export to").ifPresent(exports.targetProperty()::set);
  }

  private Node dropZone() {
    Label hint =
        new Label("Drop legacy session folders, lm-evaluation-harness output or single files here");
    hint.getStyleClass().add("drop-hint");
    ListView<Path> list = new ListView<>(viewModel.paths());
    list.setId("import-paths");
    list.setPrefHeight(90);
    Button files = new Button("Add files…");
    files.setId("import-add-files");
    files.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Files to import");
          List<File> chosen = chooser.showOpenMultipleDialog(root.getScene().getWindow());
          if (chosen != null) {
            viewModel.add(chosen.stream().map(File::toPath).toList());
          }
        });
    Button folder = new Button("Add folder…");
    folder.setId("import-add-folder");
    folder.setOnAction(
        e -> {
          File dir = new DirectoryChooser().showDialog(root.getScene().getWindow());
          if (dir != null) {
            viewModel.add(List.of(dir.toPath()));
          }
        });
    Button clear = new Button("Clear");
    clear.setId("import-clear");
    clear.disableProperty().bind(viewModel.work().runningProperty());
    clear.setOnAction(e -> viewModel.clear());
    Button start = new Button("Import");
    start.setId("import-start");
    start.getStyleClass().add("accent");
    start
        .disableProperty()
        .bind(viewModel.work().runningProperty().or(Bindings.isEmpty(viewModel.paths())));
    start.setOnAction(e -> viewModel.start());
    HBox buttons = new HBox(8, files, folder, clear, start);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox zone = new VBox(8, hint, list, buttons);
    zone.setId("import-drop-zone");
    zone.getStyleClass().add("drop-zone");
    zone.setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            zone.getStyleClass().add("drag-over");
          }
          e.consume();
        });
    zone.setOnDragExited(e -> zone.getStyleClass().remove("drag-over"));
    zone.setOnDragDropped(this::dropped);
    return zone;
  }

  private void dropped(DragEvent e) {
    boolean ok = e.getDragboard().hasFiles();
    if (ok) {
      viewModel.add(e.getDragboard().getFiles().stream().map(File::toPath).toList());
    }
    e.setDropCompleted(ok);
    e.consume();
  }

  private Node progress() {
    ProgressBar bar = WorkControls.bar(viewModel.work(), "import");
    bar.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(bar, Priority.ALWAYS);
    Button cancel = WorkControls.cancel(viewModel.work(), "import", viewModel::cancel);
    Label status = WorkControls.status(viewModel.work(), "import");
    Label summary = new Label();
    summary.setId("import-summary");
    summary.getStyleClass().add("import-summary");
    summary.textProperty().bind(viewModel.summaryProperty());
    HBox line = new HBox(8, bar, cancel);
    line.setAlignment(Pos.CENTER_LEFT);
    return new VBox(4, line, status, summary);
  }

  private Node results() {
    TableView<UnitReport> table = new TableView<>(viewModel.results());
    table.setId("import-results");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getColumns()
        .add(
            column(
                "File",
                u -> u.mainFile() == null ? "" : u.mainFile().getFileName().toString(),
                240));
    table
        .getColumns()
        .add(column("Format", u -> u.format() == null ? "" : u.format().toString(), 110));
    table.getColumns().add(Cells.badges("Outcome", u -> u.outcome().label(), 100));
    table
        .getColumns()
        .add(column("Session", u -> u.sessionKey() == null ? "" : u.sessionKey(), 160));
    table.getColumns().add(column("Tasks", u -> Integer.toString(u.tasks()), 60));
    table.getColumns().add(column("Predictions", u -> String.format("%,d", u.predictions()), 100));
    table.getColumns().add(column("Error or note", u -> u.reason() == null ? "" : u.reason(), 300));
    Label empty = new Label("Results appear here, one row per session or file.");
    empty.getStyleClass().add("empty-state");
    table.setPlaceholder(empty);
    return table;
  }

  public Node root() {
    return root;
  }
}
