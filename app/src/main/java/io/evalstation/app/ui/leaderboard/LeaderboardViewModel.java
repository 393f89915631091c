package io.evalstation.app.ui.leaderboard;

import io.evalstation.app.ui.analysis.MetricChoice;
import io.evalstation.app.ui.analysis.ResultFilters;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.Latest;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.analytics.AnalysisChoices;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.LeaderboardRow;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.export.ReportFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
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
import javafx.collections.FXCollections;

/**
 * The leaderboard: one metric, the researcher's filters, models ranked by their mean with the
 * spread of their evaluations; exports what it shows.
 */
public final class LeaderboardViewModel {
  /**
   * Writes a leaderboard to a file in a format; runs off the FX thread. The app's is {@link
   * io.evalstation.persistence.export.ExportService#writeLeaderboard}.
   */
  @FunctionalInterface
  public interface Exporter {
    void write(Leaderboard board, ReportFormat format, Path file) throws Exception;
  }

  private final Analytics data;
  private final TaskExecutor tasks;
  private final Clock clock;
  private final Exporter exporter;

  private final MetricChoice metric = new MetricChoice();
  private final ResultFilters filters = new ResultFilters();

  private final ReadOnlyListWrapper<LeaderboardRow> rows =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyObjectWrapper<Leaderboard> leaderboard = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyDoubleWrapper scaleLow = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyDoubleWrapper scaleHigh = new ReadOnlyDoubleWrapper(1);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");

  private final Latest ranking = new Latest();

  /**
   * @param exporter writes exports; null when none is available (the view then offers none)
   */
  public LeaderboardViewModel(Analytics data, TaskExecutor tasks, Clock clock, Exporter exporter) {
    this.data = data;
    this.tasks = tasks;
    this.clock = clock;
    this.exporter = exporter;
    metric.onChosen(this::load);
    filters.onChanged(this::load);
  }

  /** Re-reads the choices (metrics, datasets, …) and the leaderboard. */
  public void refresh() {
    BackgroundTask.of("Loading leaderboard choices", p -> data.choices().all())
        .onSuccess(this::applyChoices)
        .onFailure(e -> error.set("Cannot read the metrics: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void applyChoices(AnalysisChoices c) {
    metric.offer(c);
    filters.offer(c);
    load();
  }

  /** The filter the controls describe now. */
  public ResultFilter filter() {
    return filters.toFilter(clock.instant());
  }

  private void load() {
    MetricSelector m = metric.get();
    if (!metric.offered()) {
      return;
    }
    if (m == null) {
      show(null);
      summary.set("No metrics yet: import results to rank models.");
      return;
    }
    ResultFilter f = filter();
    loading.set(true);
    BackgroundTask.of("Ranking models by " + m, p -> data.leaderboards().leaderboard(m, f))
        .onSuccess(this::show)
        .onFailure(
            e -> {
              // A filter that selects nothing is an answer, not a failure: show an empty table
              // and say why.
              show(null);
              if (e instanceof IllegalArgumentException) {
                summary.set("No results: " + e.getMessage());
              } else {
                error.set("Cannot rank models: " + e.getMessage());
              }
            })
        .executeWith(tasks, ranking);
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
  public void export(ReportFormat format, Path file) {
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
    return metric.metricsProperty();
  }

  public ObjectProperty<MetricSelector> metricProperty() {
    return metric.metricProperty();
  }

  /** The filters, with the values the data offers for each. */
  public ResultFilters filters() {
    return filters;
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
