package io.evalstation.app.ui.leaderboard;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.analytics.AnalysisChoices;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.LeaderboardRow;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;

/**
 * The leaderboard: one metric, the researcher's filters, models ranked by their mean with the
 * spread of their evaluations; exports what it shows.
 */
public final class LeaderboardViewModel {
  /** The choice that filters nothing, first in every filter's list. */
  public static final String ANY = "Any";

  /** How far back results count. */
  public enum TimeWindow {
    ALL("All time", null),
    DAY("Last 24 hours", Duration.ofDays(1)),
    WEEK("Last 7 days", Duration.ofDays(7)),
    MONTH("Last 30 days", Duration.ofDays(30)),
    YEAR("Last 365 days", Duration.ofDays(365));

    private final String label;
    private final Duration length;

    TimeWindow(String label, Duration length) {
      this.label = label;
      this.length = length;
    }

    /** The window's start, or null for all time. */
    Instant start(Instant now) {
      return length == null ? null : now.minus(length);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** What an export writes. */
  public enum ExportFormat {
    XLSX("Excel workbook", "xlsx"),
    CSV("CSV", "csv"),
    LATEX("LaTeX table", "tex");

    private final String label;
    private final String extension;

    ExportFormat(String label, String extension) {
      this.label = label;
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Writes a leaderboard to a file in a format; runs off the FX thread. */
  @FunctionalInterface
  public interface Exporter {
    void write(Leaderboard board, ExportFormat format, Path file) throws Exception;
  }

  private final Analytics data;
  private final TaskExecutor tasks;
  private final Clock clock;
  private final Exporter exporter;

  private final ReadOnlyListWrapper<MetricSelector> metrics =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyListWrapper<String> datasets = options();
  private final ReadOnlyListWrapper<String> categories = options();
  private final ReadOnlyListWrapper<String> families = options();
  private final ReadOnlyListWrapper<String> specializations = options();
  private final ReadOnlyListWrapper<String> presets = options();

  private final ObjectProperty<MetricSelector> metric = new SimpleObjectProperty<>();
  private final StringProperty dataset = new SimpleStringProperty(ANY);
  private final StringProperty category = new SimpleStringProperty(ANY);
  private final StringProperty family = new SimpleStringProperty(ANY);
  private final StringProperty specialization = new SimpleStringProperty(ANY);
  private final StringProperty preset = new SimpleStringProperty(ANY);
  private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.ALL);
  private final IntegerProperty minEvaluations = new SimpleIntegerProperty(1);

  private final ReadOnlyListWrapper<LeaderboardRow> rows =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyObjectWrapper<Leaderboard> leaderboard = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyDoubleWrapper scaleLow = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyDoubleWrapper scaleHigh = new ReadOnlyDoubleWrapper(1);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");

  private boolean choicesLoaded;
  private boolean applyingChoices;
  private long request;

  /**
   * @param exporter writes exports; null when none is available (the view then offers none)
   */
  public LeaderboardViewModel(Analytics data, TaskExecutor tasks, Clock clock, Exporter exporter) {
    this.data = data;
    this.tasks = tasks;
    this.clock = clock;
    this.exporter = exporter;
    ChangeListener<Object> reload =
        (obs, old, now) -> {
          if (!applyingChoices) {
            load();
          }
        };
    metric.addListener(reload);
    dataset.addListener(reload);
    category.addListener(reload);
    family.addListener(reload);
    specialization.addListener(reload);
    preset.addListener(reload);
    window.addListener(reload);
    minEvaluations.addListener(reload);
  }

  private static ReadOnlyListWrapper<String> options() {
    return new ReadOnlyListWrapper<>(FXCollections.observableArrayList(ANY));
  }

  /** Re-reads the choices (metrics, datasets, …) and the leaderboard. */
  public void refresh() {
    BackgroundTask.of("Loading leaderboard choices", p -> data.choices().all())
        .onSuccess(this::applyChoices)
        .onFailure(e -> error.set("Cannot read the metrics: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void applyChoices(AnalysisChoices c) {
    applyingChoices = true;
    try {
      metrics.setAll(c.metrics());
      replace(datasets, c.datasets(), dataset);
      replace(categories, c.datasetCategories(), category);
      replace(families, c.modelFamilies(), family);
      replace(specializations, c.specializations(), specialization);
      replace(presets, c.presets(), preset);
      if (metric.get() == null || !c.metrics().contains(metric.get())) {
        metric.set(c.metrics().isEmpty() ? null : preferred(c));
      }
      choicesLoaded = true;
    } finally {
      applyingChoices = false;
    }
    load();
  }

  // The metric most evaluations have; a table of one model helps nobody.
  private static MetricSelector preferred(AnalysisChoices c) {
    return c.preferredMetric() != null && c.metrics().contains(c.preferredMetric())
        ? c.preferredMetric()
        : c.metrics().get(0);
  }

  private static void replace(
      ReadOnlyListWrapper<String> list, List<String> values, StringProperty chosen) {
    list.setAll(ANY);
    list.addAll(values);
    if (!list.contains(chosen.get())) {
      chosen.set(ANY);
    }
  }

  /** The filter the controls describe now. */
  public ResultFilter filter() {
    ResultFilter f =
        ResultFilter.all()
            .withDatasetCategory(any(category.get()))
            .withModelFamily(any(family.get()))
            .withSpecialization(any(specialization.get()))
            .withPreset(any(preset.get()))
            .withMinEvaluations(Math.max(1, minEvaluations.get()));
    String d = any(dataset.get());
    if (d != null) {
      f = f.withDatasets(d);
    }
    Instant start = window.get() == null ? null : window.get().start(clock.instant());
    return start == null ? f : f.withWindow(start, null);
  }

  private static String any(String choice) {
    return choice == null || choice.equals(ANY) ? null : choice;
  }

  private void load() {
    MetricSelector m = metric.get();
    if (!choicesLoaded) {
      return;
    }
    if (m == null) {
      show(null);
      summary.set("No metrics yet: import results to rank models.");
      return;
    }
    ResultFilter f = filter();
    long id = ++request;
    loading.set(true);
    BackgroundTask.of("Ranking models by " + m, p -> data.leaderboards().leaderboard(m, f))
        .onSuccess(
            board -> {
              if (id == request) {
                show(board);
              }
            })
        .onFailure(
            e -> {
              if (id != request) {
                return;
              }
              // A filter that selects nothing is an answer, not a failure: show an empty table
              // and say why.
              show(null);
              if (e instanceof IllegalArgumentException) {
                summary.set("No results: " + e.getMessage());
              } else {
                error.set("Cannot rank models: " + e.getMessage());
              }
            })
        .executeWith(tasks);
  }

  private void show(Leaderboard board) {
    leaderboard.set(board);
    List<LeaderboardRow> list = board == null ? List.of() : board.rows();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (LeaderboardRow r : list) {
      lo = Math.min(lo, r.ciLow() == null ? r.mean() : r.ciLow());
      hi = Math.max(hi, r.ciHigh() == null ? r.mean() : r.ciHigh());
    }
    if (list.isEmpty()) {
      lo = 0;
      hi = 1;
    } else if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
    // A little room on both ends, so no bar touches the cell's edge.
    double pad = (hi - lo) * 0.05;
    scaleLow.set(lo - pad);
    scaleHigh.set(hi + pad);
    rows.setAll(list);
    error.set(null);
    loading.set(false);
    if (board != null && list.isEmpty()) {
      summary.set("No results · filters: " + board.filter().describe());
    } else if (board != null) {
      int evaluations = list.stream().mapToInt(LeaderboardRow::evaluations).sum();
      summary.set(
          String.format(
              Locale.ROOT,
              "%d models, %d evaluations · %s · %s",
              list.size(),
              evaluations,
              board.higherIsBetter() ? "higher is better" : "lower is better",
              "filters: " + board.filter().describe()));
    }
  }

  /** Writes the table shown now to {@code file} in the background. */
  public void export(ExportFormat format, Path file) {
    Leaderboard board = leaderboard.get();
    if (exporter == null) {
      exportStatus.set("Export is not available.");
      return;
    }
    if (board == null) {
      exportStatus.set("Nothing to export yet.");
      return;
    }
    exportStatus.set("Writing " + file.getFileName() + " …");
    BackgroundTask.of(
            "Exporting leaderboard to " + file.getFileName(),
            p -> {
              p.update(0, 1, "Writing " + file.getFileName());
              exporter.write(board, format, file);
              p.update(1, 1, "Wrote " + file.getFileName());
              return file;
            })
        .onSuccess(f -> exportStatus.set("Wrote " + f))
        .onFailure(e -> exportStatus.set("Export failed: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** Whether this leaderboard can be exported at all. */
  public boolean canExport() {
    return exporter != null;
  }

  public ReadOnlyListProperty<MetricSelector> metricsProperty() {
    return metrics.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> datasetsProperty() {
    return datasets.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> categoriesProperty() {
    return categories.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> familiesProperty() {
    return families.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> specializationsProperty() {
    return specializations.getReadOnlyProperty();
  }

  public ReadOnlyListProperty<String> presetsProperty() {
    return presets.getReadOnlyProperty();
  }

  public ObjectProperty<MetricSelector> metricProperty() {
    return metric;
  }

  public StringProperty datasetProperty() {
    return dataset;
  }

  public StringProperty categoryProperty() {
    return category;
  }

  public StringProperty familyProperty() {
    return family;
  }

  public StringProperty specializationProperty() {
    return specialization;
  }

  public StringProperty presetProperty() {
    return preset;
  }

  public ObjectProperty<TimeWindow> windowProperty() {
    return window;
  }

  public IntegerProperty minEvaluationsProperty() {
    return minEvaluations;
  }

  public ReadOnlyListProperty<LeaderboardRow> rowsProperty() {
    return rows.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Leaderboard> leaderboardProperty() {
    return leaderboard.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty scaleLowProperty() {
    return scaleLow.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty scaleHighProperty() {
    return scaleHigh.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty exportStatusProperty() {
    return exportStatus.getReadOnlyProperty();
  }
}
