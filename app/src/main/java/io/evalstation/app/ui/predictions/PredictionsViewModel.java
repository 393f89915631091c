package io.evalstation.app.ui.predictions;

import io.evalstation.app.ui.analysis.TaskPairViewModel;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.PairOutcome;
import io.evalstation.persistence.analytics.PredictionPair;
import io.evalstation.persistence.analytics.PredictionPairQuery;
import io.evalstation.persistence.analytics.TaskRef;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * Predictions: two runs' outputs for the same samples. The sample list is read from the database a
 * page at a time as the user scrolls (100,000 samples stay smooth); the selected sample's word diff
 * is computed off the FX thread.
 */
public final class PredictionsViewModel {
  /** Page size: a few screens of rows, small enough to arrive in a few milliseconds. */
  static final int PAGE_SIZE = 500;

  /** Which samples the list shows. */
  public enum OutcomeFilter {
    ALL("All samples", null),
    REGRESSED("Regressed (A right, B wrong)", PairOutcome.REGRESSED),
    FIXED("Fixed (A wrong, B right)", PairOutcome.FIXED),
    BOTH_WRONG("Both wrong", PairOutcome.BOTH_WRONG),
    BOTH_CORRECT("Both correct", PairOutcome.BOTH_CORRECT);

    private final String label;
    private final PairOutcome outcome;

    OutcomeFilter(String label, PairOutcome outcome) {
      this.label = label;
      this.outcome = outcome;
    }

    PairOutcome outcome() {
      return outcome;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** The selected sample with its word-level diff. */
  public record SampleDetail(PredictionPair pair, WordDiff.Result diff) {}

  private final Analytics data;
  private final TaskExecutor tasks;
  private final TaskPairViewModel pair;
  private final ObjectProperty<OutcomeFilter> outcome =
      new SimpleObjectProperty<>(OutcomeFilter.ALL);
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<PredictionPair> selected = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<SampleDetail> detail = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final KeysetPager<PredictionPair> pager;
  private long detailRequest;

  public PredictionsViewModel(Analytics data, TaskExecutor tasks) {
    this.data = data;
    this.tasks = tasks;
    this.pair = new TaskPairViewModel(data, tasks);
    this.pager =
        new KeysetPager<>(
            tasks, PAGE_SIZE, e -> error.set("Cannot read samples: " + e.getMessage()));
    pair.taskAProperty().addListener((o, a, b) -> reload());
    pair.taskBProperty().addListener((o, a, b) -> reload());
    outcome.addListener((o, a, b) -> reload());
    search.addListener((o, a, b) -> reload());
    selected.addListener((o, a, p) -> loadDetail(p));
    pager
        .rows()
        .addListener((javafx.collections.ListChangeListener<PredictionPair>) c -> describe());
    pager.exhaustedProperty().addListener((o, a, b) -> describe());
  }

  /** Re-reads the pickers' choices. */
  public void refresh() {
    pair.refresh();
  }

  /** Shows two given runs (from Compare). */
  public void show(TaskRef a, TaskRef b) {
    pair.choose(a, b);
  }

  private void reload() {
    selected.set(null);
    error.set(null);
    TaskRef a = pair.taskAProperty().get();
    TaskRef b = pair.taskBProperty().get();
    if (a == null || b == null || a.taskId() == b.taskId()) {
      pager.reset(null);
      status.set(
          a != null && b != null ? "Choose two different runs." : "Choose two runs to compare.");
      return;
    }
    OutcomeFilter f = outcome.get() == null ? OutcomeFilter.ALL : outcome.get();
    PredictionPairQuery first =
        PredictionPairQuery.firstPage(a.taskId(), b.taskId(), PAGE_SIZE)
            .withOutcome(f.outcome())
            .withSearch(search.get());
    pager.reset(
        (after, limit) ->
            data.predictionPairs().page(after == null ? first : first.after(after)).rows());
  }

  /** Reads the next page if there is one; the view calls it when the user nears the end. */
  public void loadMore() {
    pager.loadMore();
  }

  private void describe() {
    int n = pager.rows().size();
    if (pager.rows().isEmpty() && pager.exhaustedProperty().get()) {
      status.set("No samples match.");
    } else {
      status.set(
          n + (pager.exhaustedProperty().get() ? " samples" : "+ samples (scroll for more)"));
    }
  }

  private void loadDetail(PredictionPair p) {
    long id = ++detailRequest;
    if (p == null) {
      detail.set(null);
      return;
    }
    BackgroundTask.of(
            "Comparing sample " + p.sampleId(),
            progress -> new SampleDetail(p, WordDiff.compare(p.predictionA(), p.predictionB())))
        .onSuccess(
            d -> {
              if (id == detailRequest) {
                detail.set(d);
              }
            })
        .onFailure(e -> error.set("Cannot show sample " + p.sampleId() + ": " + e.getMessage()))
        .executeWith(tasks);
  }

  public TaskPairViewModel pair() {
    return pair;
  }

  public ObservableList<PredictionPair> rows() {
    return pager.rows();
  }

  /** Pages read since the last change of runs or filters. */
  public int pagesLoaded() {
    return pager.pagesLoaded();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return pager.loadingProperty();
  }

  public ReadOnlyBooleanProperty exhaustedProperty() {
    return pager.exhaustedProperty();
  }

  public ObjectProperty<OutcomeFilter> outcomeProperty() {
    return outcome;
  }

  public StringProperty searchProperty() {
    return search;
  }

  public ObjectProperty<PredictionPair> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<SampleDetail> detailProperty() {
    return detail.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
