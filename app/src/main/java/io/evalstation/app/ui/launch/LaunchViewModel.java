package io.evalstation.app.ui.launch;

import io.evalstation.app.service.ClusterService;
import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.JobScripts.RenderedJob;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.service.LaunchService.LaunchRequest;
import io.evalstation.app.service.LaunchService.LaunchResult;
import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.Latest;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.model.Priority;
import io.evalstation.persistence.analytics.EstimateRepository;
import io.evalstation.persistence.repo.RegistryRepository;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.template.Preset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
  /** The fields of the launch form, each with its inline error. */
  public enum Field {
    CLUSTER,
    CATEGORY,
    PRESET,
    SAMPLE_LIMIT,
    MODELS,
    DATASETS
  }

  private final LaunchService launches;
  private final ClusterService clusterService;
  private final RegistryRepository registry;
  private final EstimateRepository estimates;
  private final JobScripts scripts;
  private final Consumer<String> follow;
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
  private final Map<Field, ReadOnlyStringWrapper> errors = new EnumMap<>(Field.class);
  private final Latest estimating = new Latest();

  /**
   * @param estimates expected run times from the history of completed runs
   * @param scripts the presets' GPUs per task (GPU-hours)
   * @param follow starts following a cluster's jobs after a launch (the app's monitor; a no-op when
   *     it already does)
   */
  public LaunchViewModel(
      LaunchService launches,
      ClusterService clusterService,
      RegistryRepository registry,
      EstimateRepository estimates,
      JobScripts scripts,
      Consumer<String> follow,
      TaskExecutor tasks) {
    this.launches = launches;
    this.clusterService = clusterService;
    this.registry = registry;
    this.estimates = estimates;
    this.scripts = scripts;
    this.follow = follow;
    this.tasks = tasks;
    for (Field f : Field.values()) {
      errors.put(f, new ReadOnlyStringWrapper(""));
    }
    presets.setAll(Preset.BUILT_IN.stream().map(Preset::name).toList());
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
            p ->
                new Choices(
                    clusterService.list().stream().map(ClusterProfile::name).toList(),
                    registry.listModels(null, null).stream().map(ModelInfo::name).toList(),
                    registry.listDatasets(null, null).stream().map(DatasetInfo::name).toList()))
        .onSuccess(
            c -> {
              clusters.setAll(c.clusters());
              if (cluster.get() == null && !c.clusters().isEmpty()) {
                cluster.set(c.clusters().get(0));
              }
              error(
                  Field.CLUSTER,
                  c.clusters().isEmpty() ? "No cluster configured: add one in Settings" : "");
              models.setAll(c.models());
              datasets.setAll(c.datasets());
            })
        .onFailure(e -> error(Field.CLUSTER, "Cannot read clusters: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void changed() {
    int n = chosenModels.size() * chosenDatasets.size();
    taskCount.set(n + (n == 1 ? " task" : " tasks"));
    preview.set("");
    Integer limit = parseLimit();
    if (n == 0) {
      estimating.dropPending();
      estimate.set("");
      return;
    }
    List<String> ms = List.copyOf(chosenModels);
    List<String> ds = List.copyOf(chosenDatasets);
    String pr = preset.get();
    BackgroundTask.of(
            "Estimating run times",
            p ->
                LaunchService.estimate(scripts, estimates, ms, ds, pr, limit)
                    .describe(Durations::format))
        .onSuccess(estimate::set)
        .onFailure(e -> estimate.set("cannot estimate: " + e.getMessage()))
        .executeWith(tasks, estimating);
  }

  private Integer parseLimit() {
    String s = sampleLimit.get() == null ? "" : sampleLimit.get().trim();
    error(Field.SAMPLE_LIMIT, "");
    if (s.isEmpty()) {
      return null;
    }
    try {
      int v = Integer.parseInt(s);
      if (v <= 0) {
        error(Field.SAMPLE_LIMIT, "Expected a whole number above 0, or nothing for all samples");
        return null;
      }
      return v;
    } catch (NumberFormatException e) {
      error(Field.SAMPLE_LIMIT, "Expected a whole number above 0, or nothing for all samples");
      return null;
    }
  }

  /** Builds the request, or puts each problem beside its field and returns null. */
  LaunchRequest request(boolean needCluster) {
    errors.values().forEach(e -> e.set(""));
    boolean ok = true;
    Integer limit = parseLimit();
    if (!errors.get(Field.SAMPLE_LIMIT).get().isEmpty()) {
      ok = false;
    }
    if (needCluster && (cluster.get() == null || cluster.get().isBlank())) {
      error(Field.CLUSTER, "Choose a cluster (add one in Settings)");
      ok = false;
    }
    if (chosenModels.isEmpty()) {
      error(Field.MODELS, "Check at least one model");
      ok = false;
    }
    if (chosenDatasets.isEmpty()) {
      error(Field.DATASETS, "Check at least one dataset");
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
        error(Field.CLUSTER, m);
      } else if (lower.startsWith("category")) {
        error(Field.CATEGORY, m);
      } else if (lower.startsWith("preset")) {
        error(Field.PRESET, m);
      } else if (lower.startsWith("dataset")) {
        error(Field.DATASETS, m);
      } else {
        error(Field.MODELS, m);
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
    BackgroundTask.of("Rendering job scripts", p -> launches.dryRun(r))
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
    BackgroundTask.of(
            "Submitting " + r.grid().size() + " tasks",
            p -> {
              LaunchResult launched = launches.launch(r);
              // Follow the new jobs at once.
              follow.accept(r.cluster());
              return launched;
            })
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

  /** The error beside a field ("" when none). */
  public ReadOnlyStringProperty errorProperty(Field field) {
    return errors.get(field).getReadOnlyProperty();
  }

  private void error(Field field, String message) {
    errors.get(field).set(message);
  }
}
