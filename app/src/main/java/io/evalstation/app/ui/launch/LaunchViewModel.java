package io.evalstation.app.ui.launch;

import io.evalstation.app.service.JobScripts.RenderedJob;
import io.evalstation.app.service.LaunchEstimate;
import io.evalstation.app.service.LaunchService.LaunchRequest;
import io.evalstation.app.service.LaunchService.LaunchResult;
import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.model.Priority;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * Launch: a grid of models × datasets on a cluster with a preset, sample limit and priority; the
 * task count, the expected time and GPU-hours from history, the generated sbatch scripts, submit.
 * Errors stay beside the field that caused them.
 */
public final class LaunchViewModel {
  /** What a launch needs from the rest of the app. */
  public interface Backend {
    List<String> clusters() throws Exception;

    List<String> presets();

    List<String> models() throws Exception;

    List<String> datasets() throws Exception;

    /**
     * What the grid should cost from completed runs (see {@link
     * io.evalstation.app.service.LaunchService#estimate}).
     */
    LaunchEstimate estimate(
        List<String> models, List<String> datasets, String preset, Integer samples)
        throws Exception;

    List<RenderedJob> preview(LaunchRequest request) throws Exception;

    LaunchResult launch(LaunchRequest request) throws Exception;
  }

  private final Backend backend;
  private final TaskExecutor tasks;
  private final ObservableList<String> clusters = FXCollections.observableArrayList();
  private final ObservableList<String> presets = FXCollections.observableArrayList();
  private final ObservableList<String> models = FXCollections.observableArrayList();
  private final ObservableList<String> datasets = FXCollections.observableArrayList();
  private final ObservableSet<String> chosenModels =
      FXCollections.observableSet(new LinkedHashSet<>());
  private final ObservableSet<String> chosenDatasets =
      FXCollections.observableSet(new LinkedHashSet<>());
  private final StringProperty cluster = new SimpleStringProperty();
  private final StringProperty category = new SimpleStringProperty("");
  private final StringProperty preset = new SimpleStringProperty("balanced");
  private final StringProperty sampleLimit = new SimpleStringProperty("");
  private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>(Priority.NORMAL);
  private final ReadOnlyStringWrapper taskCount = new ReadOnlyStringWrapper("0 tasks");
  private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper clusterError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper categoryError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper presetError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper sampleLimitError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper modelsError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper datasetsError = new ReadOnlyStringWrapper("");
  private int estimateGeneration;

  public LaunchViewModel(Backend backend, TaskExecutor tasks) {
    this.backend = backend;
    this.tasks = tasks;
    presets.setAll(backend.presets());
    chosenModels.addListener((javafx.collections.SetChangeListener<String>) c -> changed());
    chosenDatasets.addListener((javafx.collections.SetChangeListener<String>) c -> changed());
    preset.addListener((o, a, b) -> changed());
    sampleLimit.addListener((o, a, b) -> changed());
  }

  private record Choices(List<String> clusters, List<String> models, List<String> datasets) {}

  /** Reads clusters and the registries. */
  public void refresh() {
    BackgroundTask.of(
            "Reading clusters and registries",
            p -> new Choices(backend.clusters(), backend.models(), backend.datasets()))
        .onSuccess(
            c -> {
              clusters.setAll(c.clusters());
              if (cluster.get() == null && !c.clusters().isEmpty()) {
                cluster.set(c.clusters().get(0));
              }
              clusterError.set(
                  c.clusters().isEmpty() ? "No cluster configured: add one in Settings" : "");
              models.setAll(c.models());
              datasets.setAll(c.datasets());
            })
        .onFailure(e -> clusterError.set("Cannot read clusters: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void changed() {
    int n = chosenModels.size() * chosenDatasets.size();
    taskCount.set(n + (n == 1 ? " task" : " tasks"));
    preview.set("");
    Integer limit = parseLimit();
    if (n == 0) {
      estimate.set("");
      return;
    }
    List<String> ms = List.copyOf(chosenModels);
    List<String> ds = List.copyOf(chosenDatasets);
    String pr = preset.get();
    int generation = ++estimateGeneration;
    BackgroundTask.of(
            "Estimating run times",
            p -> backend.estimate(ms, ds, pr, limit).describe(Durations::format))
        .onSuccess(
            text -> {
              if (generation == estimateGeneration) {
                estimate.set(text);
              }
            })
        .onFailure(e -> estimate.set("cannot estimate: " + e.getMessage()))
        .executeWith(tasks);
  }

  private Integer parseLimit() {
    String s = sampleLimit.get() == null ? "" : sampleLimit.get().trim();
    sampleLimitError.set("");
    if (s.isEmpty()) {
      return null;
    }
    try {
      int v = Integer.parseInt(s);
      if (v <= 0) {
        sampleLimitError.set("Expected a whole number above 0, or nothing for all samples");
        return null;
      }
      return v;
    } catch (NumberFormatException e) {
      sampleLimitError.set("Expected a whole number above 0, or nothing for all samples");
      return null;
    }
  }

  /** Builds the request, or puts each problem beside its field and returns null. */
  LaunchRequest request(boolean needCluster) {
    clusterError.set("");
    categoryError.set("");
    presetError.set("");
    modelsError.set("");
    datasetsError.set("");
    boolean ok = true;
    Integer limit = parseLimit();
    if (!sampleLimitError.get().isEmpty()) {
      ok = false;
    }
    if (needCluster && (cluster.get() == null || cluster.get().isBlank())) {
      clusterError.set("Choose a cluster (add one in Settings)");
      ok = false;
    }
    if (chosenModels.isEmpty()) {
      modelsError.set("Check at least one model");
      ok = false;
    }
    if (chosenDatasets.isEmpty()) {
      datasetsError.set("Check at least one dataset");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    String cat = category.get() == null || category.get().isBlank() ? null : category.get().trim();
    try {
      return new LaunchRequest(
          needCluster ? cluster.get() : null,
          new ArrayList<>(chosenModels),
          new ArrayList<>(chosenDatasets),
          preset.get(),
          limit,
          priority.get(),
          cat,
          null);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "invalid" : e.getMessage();
      String lower = m.toLowerCase(Locale.ROOT);
      if (lower.startsWith("cluster")) {
        clusterError.set(m);
      } else if (lower.startsWith("category")) {
        categoryError.set(m);
      } else if (lower.startsWith("preset")) {
        presetError.set(m);
      } else if (lower.startsWith("dataset")) {
        datasetsError.set(m);
      } else {
        modelsError.set(m);
      }
      return null;
    }
  }

  /** Renders the sbatch scripts without submitting (works without a cluster). */
  public void preview() {
    LaunchRequest r = request(false);
    if (r == null) {
      return;
    }
    BackgroundTask.of("Rendering job scripts", p -> backend.preview(r))
        .onSuccess(
            jobs -> {
              StringBuilder b = new StringBuilder();
              for (RenderedJob j : jobs) {
                b.append("### ")
                    .append(j.remoteDir())
                    .append('/')
                    .append(j.scriptFileName())
                    .append('\n')
                    .append(j.script())
                    .append('\n');
              }
              preview.set(b.toString());
            })
        .onFailure(e -> preview.set("Cannot render the scripts: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** Creates the session and submits its tasks. */
  public void submit() {
    LaunchRequest r = request(true);
    if (r == null || submitting.get()) {
      return;
    }
    submitting.set(true);
    result.set("Submitting " + r.grid().size() + " tasks…");
    BackgroundTask.of("Submitting " + r.grid().size() + " tasks", p -> backend.launch(r))
        .onSuccess(
            res -> {
              submitting.set(false);
              result.set(
                  "Session "
                      + res.session().key()
                      + ": "
                      + (res.tasks().size() - res.failures().size())
                      + " submitted"
                      + (res.failures().isEmpty()
                          ? ""
                          : ", failed: " + String.join("; ", res.failures())));
            })
        .onFailure(
            e -> {
              submitting.set(false);
              result.set("Submit failed: " + e.getMessage());
            })
        .executeWith(tasks);
  }

  public ObservableList<String> clusters() {
    return clusters;
  }

  public ObservableList<String> presets() {
    return presets;
  }

  public ObservableList<String> models() {
    return models;
  }

  public ObservableList<String> datasets() {
    return datasets;
  }

  public Set<String> chosenModels() {
    return chosenModels;
  }

  public Set<String> chosenDatasets() {
    return chosenDatasets;
  }

  public StringProperty clusterProperty() {
    return cluster;
  }

  public StringProperty categoryProperty() {
    return category;
  }

  public StringProperty presetProperty() {
    return preset;
  }

  public StringProperty sampleLimitProperty() {
    return sampleLimit;
  }

  public ObjectProperty<Priority> priorityProperty() {
    return priority;
  }

  public ReadOnlyStringProperty taskCountProperty() {
    return taskCount.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty estimateProperty() {
    return estimate.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty previewProperty() {
    return preview.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty resultProperty() {
    return result.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty submittingProperty() {
    return submitting.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty clusterErrorProperty() {
    return clusterError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty categoryErrorProperty() {
    return categoryError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty presetErrorProperty() {
    return presetError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty sampleLimitErrorProperty() {
    return sampleLimitError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty modelsErrorProperty() {
    return modelsError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty datasetsErrorProperty() {
    return datasetsError.getReadOnlyProperty();
  }
}
