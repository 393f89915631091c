package io.evalstation.app.ui.predictions;

import io.evalstation.app.ui.analysis.TaskPairPicker;
import io.evalstation.app.ui.controls.Cells;
import io.evalstation.app.ui.controls.Forms;
import io.evalstation.app.ui.predictions.PredictionsViewModel.OutcomeFilter;
import io.evalstation.app.ui.predictions.PredictionsViewModel.SampleDetail;
import io.evalstation.persistence.analytics.PairOutcome;
import io.evalstation.persistence.analytics.PredictionPair;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

/** Predictions: a paged sample list beside the chosen sample's two outputs, diffed word by word. */
public final class PredictionsView {
  /** Rows from the end at which the next page is asked for. */
  private static final int PREFETCH_ROWS = 60;

  private final PredictionsViewModel viewModel;
  private final BorderPane root = new BorderPane();
  private final Label prompt = new Label();
  private final Label truth = new Label();
  private final TextFlow outputA = new TextFlow();
  private final TextFlow outputB = new TextFlow();
  private final Label verdictA = new Label();
  private final Label verdictB = new Label();

  public PredictionsView(PredictionsViewModel viewModel) {
    this.viewModel = viewModel;
    root.setId("predictions-view");
    root.getStyleClass().addAll("page", "predictions");
    root.getStylesheets()
        .add(PredictionsView.class.getResource("predictions.css").toExternalForm());
    root.setTop(header());
    SplitPane split = new SplitPane(sampleList(), detailPane());
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.34);
    root.setCenter(split);
    viewModel.detailProperty().addListener((o, a, d) -> showDetail(d));
    showDetail(null);
  }

  private Node header() {
    Label title = new Label("Predictions");
    title.getStyleClass().add("page-title");
    ComboBox<OutcomeFilter> outcome = new ComboBox<>();
    outcome.setId("predictions-outcome");
    outcome.getItems().setAll(OutcomeFilter.values());
    outcome.valueProperty().bindBidirectional(viewModel.outcomeProperty());
    TextField search = new TextField();
    search.setId("predictions-search");
    search.setPromptText("Search prompt, outputs, answer");
    search.setPrefColumnCount(22);
    // Searching on every key stroke would run a query per letter: wait for a pause in typing.
    PauseTransition typing = new PauseTransition(Duration.millis(250));
    typing.setOnFinished(e -> viewModel.searchProperty().set(search.getText()));
    search.textProperty().addListener((o, a, b) -> typing.playFromStart());
    search.setOnAction(
        e -> {
          typing.stop();
          viewModel.searchProperty().set(search.getText());
        });
    HBox filters = new HBox(10, new Label("Show"), outcome, search);
    filters.setAlignment(Pos.CENTER_LEFT);
    Label error = Forms.errorLine(viewModel.errorProperty());
    VBox box =
        new VBox(8, title, TaskPairPicker.of(viewModel.pair(), "predictions"), filters, error);
    box.setPadding(new Insets(0, 0, 10, 0));
    return box;
  }

  private Node sampleList() {
    TableView<PredictionPair> table = new TableView<>(viewModel.rows());
    table.setId("predictions-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getStyleClass().add("sample-list");
    TableColumn<PredictionPair, Integer> sample = column("Sample", PredictionPair::sampleId);
    sample.setMaxWidth(80);
    sample.setMinWidth(70);
    table.getColumns().add(sample);
    TableColumn<PredictionPair, PairOutcome> outcome = column("Outcome", PredictionPair::outcome);
    outcome.setMinWidth(110);
    outcome.setMaxWidth(130);
    outcome.setCellFactory(
        Cells.text(
            o -> o.name().toLowerCase(Locale.ROOT).replace('_', ' '),
            "outcome-",
            o -> o.name().toLowerCase(Locale.ROOT)));
    table.getColumns().add(outcome);
    // Legacy sessions keep no prompt: the answer is the next best way to recognise a sample.
    table
        .getColumns()
        .add(
            column(
                "Prompt / answer",
                p -> oneLine(p.prompt() != null ? p.prompt() : p.groundTruth())));
    // Ask for the next page as soon as a row near the end is drawn: the list grows before the user
    // reaches its end, and only rows that are on screen are ever built.
    table.setRowFactory(
        tv ->
            new TableRow<>() {
              @Override
              protected void updateItem(PredictionPair item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty && getIndex() >= tv.getItems().size() - PREFETCH_ROWS) {
                  viewModel.loadMore();
                }
              }
            });
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, p) -> viewModel.selectedProperty().set(p));
    Label empty = new Label("No samples: choose two runs of one dataset, or clear the filter.");
    empty.getStyleClass().add("empty-state");
    empty.setWrapText(true);
    table.setPlaceholder(empty);
    Label status = new Label();
    status.setId("predictions-status");
    status.getStyleClass().add("summary");
    status.textProperty().bind(viewModel.statusProperty());
    ProgressIndicator loading = new ProgressIndicator();
    loading.setId("predictions-loading");
    loading.setPrefSize(16, 16);
    loading.visibleProperty().bind(viewModel.loadingProperty());
    HBox statusLine = new HBox(6, status, loading);
    statusLine.setAlignment(Pos.CENTER_LEFT);
    VBox.setVgrow(table, Priority.ALWAYS);
    VBox box = new VBox(4, table, statusLine);
    box.setMinWidth(260);
    return box;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }

  // The list is in keyset order, read page by page: sorting a column would sort one page.
  private static <T> TableColumn<PredictionPair, T> column(
      String title, Function<PredictionPair, T> value) {
    TableColumn<PredictionPair, T> c = Cells.column(title, value);
    c.setSortable(false);
    return c;
  }

  private Node detailPane() {
    prompt.setId("detail-prompt");
    prompt.setWrapText(true);
    truth.setId("detail-truth");
    truth.setWrapText(true);
    truth.getStyleClass().add("output");
    truth.setMaxWidth(Double.MAX_VALUE);
    outputA.setId("detail-output-a");
    outputB.setId("detail-output-b");
    verdictA.setId("detail-verdict-a");
    verdictB.setId("detail-verdict-b");
    GridPane sides = new GridPane();
    sides.setHgap(10);
    sides.setVgap(4);
    for (int i = 0; i < 2; i++) {
      ColumnConstraints cc = new ColumnConstraints();
      cc.setPercentWidth(50);
      cc.setHgrow(Priority.ALWAYS);
      sides.getColumnConstraints().add(cc);
    }
    sides.add(paneTitle("Run A", verdictA), 0, 0);
    sides.add(paneTitle("Run B", verdictB), 1, 0);
    sides.add(output(outputA), 0, 1);
    sides.add(output(outputB), 1, 1);
    VBox box =
        new VBox(
            8, paneTitle("Prompt", null), prompt, paneTitle("Ground truth", null), truth, sides);
    box.setPadding(new Insets(0, 0, 0, 12));
    ScrollPane scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    scroll.setId("predictions-detail");
    return scroll;
  }

  private static Node paneTitle(String text, Label verdict) {
    Label l = new Label(text);
    l.getStyleClass().add("pane-title");
    return verdict == null ? l : new HBox(8, l, verdict);
  }

  private static Node output(TextFlow flow) {
    VBox box = new VBox(flow);
    box.getStyleClass().add("output");
    box.setMinHeight(60);
    return box;
  }

  private void showDetail(SampleDetail d) {
    if (d == null) {
      prompt.setText("Select a sample to see both outputs.");
      truth.setText("");
      outputA.getChildren().clear();
      outputB.getChildren().clear();
      verdict(verdictA, null);
      verdict(verdictB, null);
      return;
    }
    PredictionPair p = d.pair();
    prompt.setText(p.prompt() == null ? "(prompt not stored)" : p.prompt());
    truth.setText(p.groundTruth() == null ? "(no ground truth)" : p.groundTruth());
    outputA.getChildren().setAll(texts(d.diff().left()));
    outputB.getChildren().setAll(texts(d.diff().right()));
    verdict(verdictA, p.correctA());
    verdict(verdictB, p.correctB());
  }

  private static List<Text> texts(List<WordDiff.Run> runs) {
    return runs.stream()
        .map(
            r -> {
              Text t = new Text(r.text());
              t.getStyleClass().add("text");
              switch (r.kind()) {
                case REMOVED -> t.getStyleClass().add("diff-removed");
                case ADDED -> t.getStyleClass().add("diff-added");
                default -> {}
              }
              return t;
            })
        .toList();
  }

  private static void verdict(Label label, Boolean correct) {
    label.getStyleClass().removeAll("verdict-correct", "verdict-wrong");
    if (correct == null) {
      label.setText("");
    } else if (correct) {
      label.setText("✔ correct");
      label.getStyleClass().add("verdict-correct");
    } else {
      label.setText("✘ wrong");
      label.getStyleClass().add("verdict-wrong");
    }
  }

  public Node root() {
    return root;
  }
}
