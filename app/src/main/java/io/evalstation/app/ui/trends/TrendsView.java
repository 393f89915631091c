package io.evalstation.app.ui.trends;

import io.evalstation.app.ui.controls.Forms;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.analytics.TrendBucket;
import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Trends: an hour/day/week toggle above six small charts. */
public final class TrendsView {
  private final TrendsViewModel viewModel;
  private final BorderPane root = new BorderPane();
  private final XYChart.Series<String, Number> sessions = new XYChart.Series<>();
  private final XYChart.Series<String, Number> taskCount = new XYChart.Series<>();
  private final XYChart.Series<String, Number> success = new XYChart.Series<>();
  private final XYChart.Series<String, Number> duration = new XYChart.Series<>();
  private final XYChart.Series<String, Number> gpuHours = new XYChart.Series<>();
  private final XYChart.Series<String, Number> metric = new XYChart.Series<>();
  private LineChart<String, Number> metricChart;

  public TrendsView(TrendsViewModel viewModel) {
    this.viewModel = viewModel;
    root.setId("trends-view");
    root.getStyleClass().addAll("page", "trends");
    root.getStylesheets().add(TrendsView.class.getResource("trends.css").toExternalForm());
    root.setTop(header());
    root.setCenter(charts());
    Label summary = new Label();
    summary.setId("trends-summary");
    summary.getStyleClass().add("summary");
    summary.textProperty().bind(viewModel.summaryProperty());
    Label error = Forms.errorLine(viewModel.errorProperty());
    VBox bottom = new VBox(4, summary, error);
    bottom.setPadding(new Insets(8, 0, 0, 0));
    root.setBottom(bottom);
    viewModel.bucketsProperty().addListener((ListChangeListener<TrendBucket>) c -> redraw());
    redraw();
  }

  private Node header() {
    Label title = new Label("Trends");
    title.getStyleClass().add("page-title");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox box = new HBox(8, title, spacer, bucketToggle(), new Label("Metric"), metricChooser());
    box.setAlignment(Pos.CENTER_LEFT);
    box.setPadding(new Insets(0, 0, 10, 0));
    return box;
  }

  private Node bucketToggle() {
    ToggleGroup group = new ToggleGroup();
    HBox box = new HBox(0);
    for (TimeBucket b : TimeBucket.values()) {
      ToggleButton t =
          new ToggleButton(
              switch (b) {
                case HOUR -> "Hour";
                case DAY -> "Day";
                case WEEK -> "Week";
              });
      t.setId("bucket-" + b.sqlUnit());
      t.setUserData(b);
      t.setToggleGroup(group);
      t.setSelected(b == viewModel.bucketProperty().get());
      box.getChildren().add(t);
    }
    group
        .selectedToggleProperty()
        .addListener(
            (o, old, now) -> {
              if (now == null) {
                // A toggle group lets the user clear it; a bucket must stay chosen.
                group.selectToggle(old);
              } else {
                viewModel.bucketProperty().set((TimeBucket) now.getUserData());
              }
            });
    return box;
  }

  private Node metricChooser() {
    ComboBox<MetricSelector> box = new ComboBox<>();
    box.setId("trends-metric");
    box.itemsProperty().bind(viewModel.metricsProperty());
    box.valueProperty().bindBidirectional(viewModel.metricProperty());
    box.setPrefWidth(200);
    return box;
  }

  private Node charts() {
    GridPane grid = new GridPane();
    grid.getStyleClass().add("chart-grid");
    for (int c = 0; c < 3; c++) {
      ColumnConstraints cc = new ColumnConstraints();
      cc.setPercentWidth(100 / 3.0);
      cc.setHgrow(Priority.ALWAYS);
      grid.getColumnConstraints().add(cc);
    }
    for (int r = 0; r < 2; r++) {
      RowConstraints rc = new RowConstraints();
      rc.setPercentHeight(50);
      rc.setVgrow(Priority.ALWAYS);
      grid.getRowConstraints().add(rc);
    }
    grid.add(counts(bar("trend-sessions", "Sessions", sessions)), 0, 0);
    grid.add(counts(bar("trend-tasks", "Tasks", taskCount)), 1, 0);
    grid.add(line("trend-success", "Success rate (%)", success), 2, 0);
    grid.add(line("trend-duration", "Average task duration (min)", duration), 0, 1);
    grid.add(bar("trend-gpu", "GPU-hours", gpuHours), 1, 1);
    metricChart = line("trend-metric", "Mean metric", metric);
    grid.add(metricChart, 2, 1);
    return grid;
  }

  private static BarChart<String, Number> bar(
      String id, String title, XYChart.Series<String, Number> series) {
    BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    setUp(chart, id, title);
    chart.setBarGap(1);
    chart.setCategoryGap(6);
    chart.getData().add(series);
    return chart;
  }

  // Sessions and tasks are whole numbers: no 0.1 steps on their axis.
  private static BarChart<String, Number> counts(BarChart<String, Number> chart) {
    NumberAxis axis = (NumberAxis) chart.getYAxis();
    axis.setMinorTickVisible(false);
    axis.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number n) {
            double v = n.doubleValue();
            return Math.abs(v - Math.rint(v)) < 1e-6 ? Long.toString(Math.round(v)) : "";
          }

          @Override
          public Number fromString(String s) {
            return Double.valueOf(s);
          }
        });
    return chart;
  }

  private static LineChart<String, Number> line(
      String id, String title, XYChart.Series<String, Number> series) {
    LineChart<String, Number> chart = new LineChart<>(new CategoryAxis(), new NumberAxis());
    setUp(chart, id, title);
    chart.setCreateSymbols(true);
    chart.getData().add(series);
    return chart;
  }

  private static void setUp(XYChart<String, Number> chart, String id, String title) {
    chart.setId(id);
    chart.setTitle(title);
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    chart.setMinSize(160, 120);
  }

  private void redraw() {
    List<TrendBucket> list = viewModel.bucketsProperty();
    fill(sessions, list, b -> b.sessions());
    fill(taskCount, list, b -> b.tasks());
    fill(success, list, b -> b.successRate() == null ? null : 100 * b.successRate());
    fill(duration, list, b -> b.avgTaskSeconds() == null ? null : b.avgTaskSeconds() / 60);
    fill(gpuHours, list, TrendBucket::gpuHours);
    fill(metric, list, TrendBucket::meanMetric);
    MetricSelector m = viewModel.metricProperty().get();
    metricChart.setTitle(m == null ? "Mean metric" : "Mean " + m);
  }

  // Buckets without a value (no finished task, no metric) are left out rather than drawn as 0.
  private void fill(
      XYChart.Series<String, Number> series,
      List<TrendBucket> list,
      Function<TrendBucket, Number> value) {
    series.getData().clear();
    for (TrendBucket b : list) {
      Number v = value.apply(b);
      if (v != null) {
        series.getData().add(new XYChart.Data<>(viewModel.label(b.bucketStart()), v));
      }
    }
  }

  public Node root() {
    return root;
  }
}
