package io.evalstation.app.ui.controls;

import io.evalstation.persistence.repo.PerformanceRepository.PerfPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Line charts of GPU utilisation, GPU memory and throughput over the last minutes; x is minutes
 * before the newest sample, so a finished session's curves still read naturally.
 */
public final class PerfCharts {
  private PerfCharts() {}

  /** GPU utilisation and memory, in percent. */
  public static LineChart<Number, Number> gpu(ObservableList<PerfPoint> points) {
    NumberAxis y = new NumberAxis(0, 100, 25);
    y.setLabel("%");
    LineChart<Number, Number> chart = new LineChart<>(timeAxis(), y);
    chart.setTitle("GPU utilisation and memory");
    XYChart.Series<Number, Number> util = new XYChart.Series<>();
    util.setName("utilisation");
    XYChart.Series<Number, Number> mem = new XYChart.Series<>();
    mem.setName("memory");
    chart.getData().addAll(List.of(util, mem));
    follow(
        points,
        () -> {
          fill(util, points, PerfPoint::gpuUtilization);
          fill(mem, points, PerfPoint::memoryUsage);
        });
    return style(chart);
  }

  /** Throughput in samples per second, summed over GPUs. */
  public static LineChart<Number, Number> throughput(ObservableList<PerfPoint> points) {
    NumberAxis y = new NumberAxis();
    y.setLabel("samples/s");
    y.setForceZeroInRange(true);
    LineChart<Number, Number> chart = new LineChart<>(timeAxis(), y);
    chart.setTitle("Throughput");
    XYChart.Series<Number, Number> tp = new XYChart.Series<>();
    tp.setName("samples/s");
    chart.getData().add(tp);
    follow(points, () -> fill(tp, points, PerfPoint::throughput));
    return style(chart);
  }

  private static NumberAxis timeAxis() {
    NumberAxis x = new NumberAxis();
    x.setLabel("minutes before the newest sample");
    x.setForceZeroInRange(true);
    return x;
  }

  private static LineChart<Number, Number> style(LineChart<Number, Number> chart) {
    chart.setCreateSymbols(false);
    chart.setAnimated(false);
    chart.getStyleClass().add("perf-chart");
    chart.setMinHeight(180);
    return chart;
  }

  private static void follow(ObservableList<PerfPoint> points, Runnable redraw) {
    points.addListener((ListChangeListener<PerfPoint>) c -> redraw.run());
    redraw.run();
  }

  private static void fill(
      XYChart.Series<Number, Number> series,
      List<PerfPoint> points,
      Function<PerfPoint, Double> value) {
    if (points.isEmpty()) {
      series.getData().clear();
      return;
    }
    Instant last = points.get(points.size() - 1).at();
    series
        .getData()
        .setAll(
            points.stream()
                .filter(p -> value.apply(p) != null)
                .map(
                    p ->
                        new XYChart.Data<Number, Number>(
                            -Duration.between(p.at(), last).toMillis() / 60_000.0, value.apply(p)))
                .toList());
  }
}
