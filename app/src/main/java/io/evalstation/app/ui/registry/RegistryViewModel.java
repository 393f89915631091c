package io.evalstation.app.ui.registry;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.repo.RegistryRepository;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The model and dataset registries the leaderboards group by: listed, filtered by a search text,
 * and edited in place (each edit is one update, written in the background).
 */
public final class RegistryViewModel {
  private final RegistryRepository registry;
  private final TaskExecutor tasks;
  private final ObservableList<ModelInfo> models = FXCollections.observableArrayList();
  private final ObservableList<DatasetInfo> datasets = FXCollections.observableArrayList();
  private final FilteredList<ModelInfo> shownModels = new FilteredList<>(models);
  private final FilteredList<DatasetInfo> shownDatasets = new FilteredList<>(datasets);
  private final StringProperty filter = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

  public RegistryViewModel(RegistryRepository registry, TaskExecutor tasks) {
    this.registry = registry;
    this.tasks = tasks;
    filter.addListener((o, a, b) -> applyFilter());
  }

  private record Both(List<ModelInfo> models, List<DatasetInfo> datasets) {}

  /** Re-reads both registries and clears the last error. */
  public void refresh() {
    error.set(null);
    reload();
  }

  /** Re-reads both registries, keeping an error on show (after a failed save). */
  private void reload() {
    BackgroundTask.of(
            "Reading models and datasets",
            p -> new Both(registry.listModels(null, null), registry.listDatasets(null, null)))
        .onSuccess(
            b -> {
              models.setAll(b.models());
              datasets.setAll(b.datasets());
              applyFilter();
            })
        .onFailure(e -> error.set("Cannot read the registries: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void applyFilter() {
    String f = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
    shownModels.setPredicate(
        matches(
            f,
            m -> String.join(" ", m.name(), s(m.family()), s(m.specialization()), s(m.backend()))));
    shownDatasets.setPredicate(
        matches(
            f,
            d -> String.join(" ", d.name(), s(d.category()), s(d.taskType()), s(d.harnessTask()))));
    summary.set(
        shownModels.size()
            + " of "
            + models.size()
            + " models · "
            + shownDatasets.size()
            + " of "
            + datasets.size()
            + " datasets");
  }

  private static <T> Predicate<T> matches(String f, java.util.function.Function<T, String> text) {
    return f.isEmpty() ? x -> true : x -> text.apply(x).toLowerCase(Locale.ROOT).contains(f);
  }

  private static String s(String v) {
    return v == null ? "" : v;
  }

  /** Saves an edited model; on failure the error says why and the list is re-read. */
  public void save(ModelInfo edited) {
    BackgroundTask.of(
            "Saving model " + edited.name(),
            p -> {
              registry.updateModel(edited);
              return null;
            })
        .onSuccess(x -> refresh())
        .onFailure(
            e -> {
              error.set("Cannot save model " + edited.name() + ": " + e.getMessage());
              reload();
            })
        .executeWith(tasks);
  }

  /** Saves an edited dataset. */
  public void save(DatasetInfo edited) {
    BackgroundTask.of(
            "Saving dataset " + edited.name(),
            p -> {
              registry.updateDataset(edited);
              return null;
            })
        .onSuccess(x -> refresh())
        .onFailure(
            e -> {
              error.set("Cannot save dataset " + edited.name() + ": " + e.getMessage());
              reload();
            })
        .executeWith(tasks);
  }

  /** Reports an edit that could not even become a record (e.g. a non-numeric count). */
  public void rejectEdit(String message) {
    error.set(message);
  }

  public ObservableList<ModelInfo> models() {
    return shownModels;
  }

  public ObservableList<DatasetInfo> datasets() {
    return shownDatasets;
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }
}
