package io.evalstation.app.ui.settings;

import io.evalstation.app.service.ClusterService;
import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.app.ui.shell.UiPreferences.Theme;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.config.Secrets;
import io.evalstation.persistence.config.Settings;
import io.evalstation.persistence.db.ConnectionProbe;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.template.JobTemplates;
import io.evalstation.slurm.template.Preset;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings: the theme (applied at once), the database (embedded or a URL, tested in the background,
 * saved without any password) and, as later branches add them, clusters and presets.
 */
public final class SettingsViewModel {
  private final UiPreferences preferences;
  private final TaskExecutor tasks;
  private final ConnectionProbe probe;
  private final Supplier<String> embeddedCheck;
  private final BooleanProperty embedded = new SimpleBooleanProperty(true);
  private final StringProperty url = new SimpleStringProperty("");
  private final StringProperty user = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper testOk = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper urlError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper("");
  private final javafx.collections.ObservableList<String> clusters =
      javafx.collections.FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper templates = new ReadOnlyStringWrapper("");
  private final ClusterService clusterService;
  private final JobTemplates jobTemplates;
  private final TemplateEditorViewModel templateEditor;

  private record Listed(
      java.util.List<String> clusters,
      java.util.List<String> templates,
      java.util.List<String> presets) {}

  /** Re-reads clusters, templates and presets off the FX thread. */
  public void refresh() {
    templateEditor.refresh();
    BackgroundTask.of(
            "Reading cluster profiles",
            p ->
                new Listed(
                    clusterService.list().stream().map(SettingsViewModel::describe).toList(),
                    jobTemplates.names(),
                    Preset.BUILT_IN.stream().map(Preset::name).toList()))
        .onSuccess(
            l -> {
              clusters.setAll(l.clusters());
              templates.set(
                  "Job templates: "
                      + String.join(", ", l.templates())
                      + "   ·   Presets: "
                      + String.join(", ", l.presets()));
            })
        .onFailure(e -> templates.set("Cannot read cluster profiles: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** One line per cluster profile: "name — user@host:port, partition p". */
  static String describe(ClusterProfile p) {
    return p.name()
        + " — "
        + (p.user() == null ? "" : p.user() + "@")
        + p.host()
        + ":"
        + p.port()
        + (p.partition() == null ? "" : ", partition " + p.partition());
  }

  /** The fields of the "add a cluster" form, each with its inline error. */
  public enum ClusterField {
    NAME,
    HOST,
    ALIAS,
    PORT,
    USER,
    IDENTITY,
    PARTITION,
    ACCOUNT,
    QOS,
    REMOTE_DIR,
    KNOWN_HOSTS
  }

  private final java.util.Map<ClusterField, StringProperty> clusterFields =
      new java.util.EnumMap<>(ClusterField.class);
  private final java.util.Map<ClusterField, ReadOnlyStringWrapper> clusterErrors =
      new java.util.EnumMap<>(ClusterField.class);
  private final ReadOnlyStringWrapper addResult = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper addOk = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper adding = new ReadOnlyBooleanWrapper();

  {
    for (ClusterField f : ClusterField.values()) {
      clusterFields.put(f, new SimpleStringProperty(""));
      clusterErrors.put(f, new ReadOnlyStringWrapper(""));
    }
    clusterFields.get(ClusterField.REMOTE_DIR).set(ClusterProfile.DEFAULT_REMOTE_DIR);
  }

  public StringProperty clusterField(ClusterField field) {
    return clusterFields.get(field);
  }

  public ReadOnlyStringProperty clusterError(ClusterField field) {
    return clusterErrors.get(field).getReadOnlyProperty();
  }

  public ReadOnlyStringProperty addResultProperty() {
    return addResult.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty addOkProperty() {
    return addOk.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty addingProperty() {
    return adding.getReadOnlyProperty();
  }

  private String field(ClusterField f) {
    String v = clusterFields.get(f).get();
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * The profile the form describes, or empty with the errors shown beside their fields. An ssh
   * config alias, when given, stands for the host (port, user and key then default to the ssh
   * config's).
   */
  java.util.Optional<ClusterProfile> clusterProfile() {
    clusterErrors.values().forEach(e -> e.set(""));
    boolean ok = true;
    String name = field(ClusterField.NAME);
    if (name == null) {
      clusterErrors.get(ClusterField.NAME).set("Required: a short name such as hpc-a");
      ok = false;
    } else {
      try {
        io.evalstation.model.Names.requireName("cluster name", name);
      } catch (IllegalArgumentException e) {
        clusterErrors.get(ClusterField.NAME).set(e.getMessage());
        ok = false;
      }
    }
    String alias = field(ClusterField.ALIAS);
    String host = alias != null ? alias : field(ClusterField.HOST);
    if (host == null) {
      clusterErrors.get(ClusterField.HOST).set("Required: a host name, or an ssh config alias");
      ok = false;
    }
    int port = 0;
    String portText = field(ClusterField.PORT);
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        clusterErrors
            .get(ClusterField.PORT)
            .set("Expected a port number 1..65535, got '" + portText + "'");
        ok = false;
      }
    }
    if (field(ClusterField.PARTITION) == null) {
      clusterErrors.get(ClusterField.PARTITION).set("Required: the SLURM partition, e.g. gpu");
      ok = false;
    }
    if (!ok) {
      return java.util.Optional.empty();
    }
    ClusterProfile.Builder b =
        ClusterProfile.builder(name, host)
            .port(port)
            .user(field(ClusterField.USER))
            .partition(field(ClusterField.PARTITION))
            .account(field(ClusterField.ACCOUNT))
            .qos(field(ClusterField.QOS));
    String dir = field(ClusterField.REMOTE_DIR);
    if (dir != null) {
      b.remoteWorkDir(dir);
    }
    try {
      if (field(ClusterField.IDENTITY) != null) {
        b.identityFile(java.nio.file.Path.of(field(ClusterField.IDENTITY)));
      }
      if (field(ClusterField.KNOWN_HOSTS) != null) {
        b.knownHostsFile(java.nio.file.Path.of(field(ClusterField.KNOWN_HOSTS)));
      }
      return java.util.Optional.of(b.build());
    } catch (IllegalArgumentException e) {
      // The profile names the bad value; put it beside the field it concerns.
      clusterErrors.get(fieldOf(e.getMessage(), alias != null)).set(e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private static ClusterField fieldOf(String message, boolean alias) {
    String m = message == null ? "" : message;
    if (m.contains(": host ")) {
      return alias ? ClusterField.ALIAS : ClusterField.HOST;
    } else if (m.contains(": user ")) {
      return ClusterField.USER;
    } else if (m.contains("partition")) {
      return ClusterField.PARTITION;
    } else if (m.contains("account")) {
      return ClusterField.ACCOUNT;
    } else if (m.contains("qos")) {
      return ClusterField.QOS;
    } else if (m.contains("remote work directory")) {
      return ClusterField.REMOTE_DIR;
    } else if (m.contains("Path") || m.contains("path")) {
      return ClusterField.IDENTITY;
    }
    return ClusterField.NAME;
  }

  /**
   * Checks the form, then saves the profile and connects once in the background: an unknown host
   * key is shown for confirmation; a refused or changed key, or a failed login, is shown beside the
   * form and nothing is saved.
   */
  public void addCluster() {
    java.util.Optional<ClusterProfile> profile = clusterProfile();
    if (profile.isEmpty()) {
      addOk.set(false);
      addResult.set("Fix the fields marked above.");
      return;
    }
    ClusterProfile p = profile.get();
    adding.set(true);
    addOk.set(false);
    addResult.set("Connecting to " + p.host() + "…");
    BackgroundTask.of(
            "Adding cluster " + p.name(),
            pr -> {
              // Saved, then connected once: an unknown host key is asked about now.
              clusterService.add(p, true);
              return p;
            })
        .onSuccess(
            added -> {
              adding.set(false);
              addOk.set(true);
              addResult.set("Added and connected: " + added.name());
              refresh();
            })
        .onFailure(
            e -> {
              adding.set(false);
              addOk.set(false);
              addResult.set("Not added: " + e.getMessage());
            })
        .executeWith(tasks);
  }

  /** Job templates (open, edit, save as the user's copy) and presets. */
  public TemplateEditorViewModel templateEditor() {
    return templateEditor;
  }

  public javafx.collections.ObservableList<String> clusters() {
    return clusters;
  }

  public ReadOnlyStringProperty templatesProperty() {
    return templates.getReadOnlyProperty();
  }

  /**
   * @param probe tries a database URL the user typed
   * @param embeddedCheck checks the embedded database when that is the choice (runs off the FX
   *     thread)
   * @param clusterService lists the cluster profiles and adds one (connecting once)
   * @param jobTemplates the job templates the editor opens and saves copies of
   */
  public SettingsViewModel(
      UiPreferences preferences,
      ConnectionProbe probe,
      Supplier<String> embeddedCheck,
      ClusterService clusterService,
      JobTemplates jobTemplates,
      TaskExecutor tasks) {
    this.preferences = preferences;
    this.tasks = tasks;
    this.probe = probe;
    this.embeddedCheck = embeddedCheck;
    this.clusterService = clusterService;
    this.jobTemplates = jobTemplates;
    this.templateEditor = new TemplateEditorViewModel(tasks, jobTemplates);
    Settings s = preferences.settings();
    url.set(s.get(Settings.DATABASE_URL).orElse(""));
    user.set(s.get(Settings.DATABASE_USER).orElse(""));
    embedded.set(url.get().isBlank());
    url.addListener((o, a, b) -> validate());
    embedded.addListener((o, a, b) -> validate());
  }

  private boolean validate() {
    String u = url.get() == null ? "" : url.get().trim();
    if (!embedded.get() && !u.startsWith("jdbc:postgresql://")) {
      urlError.set("Expected a URL like jdbc:postgresql://host:5432/evalstation");
      return false;
    }
    if (!embedded.get() && Secrets.containsSecret(u)) {
      urlError.set("Take the password out of the URL: keep it in ~/.pgpass (mode 0600)");
      return false;
    }
    urlError.set("");
    return true;
  }

  /** Tries the chosen database off the FX thread. */
  public void testConnection() {
    if (!validate()) {
      testOk.set(false);
      testResult.set(urlError.get());
      return;
    }
    boolean emb = embedded.get();
    String u = url.get().trim();
    String who = user.get();
    testing.set(true);
    testResult.set("Testing…");
    BackgroundTask.of(
            "Testing the database connection", p -> emb ? embeddedCheck.get() : probe.probe(u, who))
        .onSuccess(
            r -> {
              testing.set(false);
              testOk.set(true);
              testResult.set(r);
            })
        .onFailure(
            e -> {
              testing.set(false);
              testOk.set(false);
              testResult.set("Failed: " + e.getMessage());
            })
        .executeWith(tasks);
  }

  /** Writes the database choice to the settings file (no password); applies at next start. */
  public void save() {
    if (!validate()) {
      return;
    }
    preferences.put(Settings.DATABASE_URL, embedded.get() ? null : url.get().trim());
    preferences.put(
        Settings.DATABASE_USER, embedded.get() || user.get() == null ? null : user.get().trim());
    saved.set("Saved to " + preferences.settings().file() + "; used from the next start.");
  }

  public ObjectProperty<Theme> themeProperty() {
    return preferences.themeProperty();
  }

  public BooleanProperty embeddedProperty() {
    return embedded;
  }

  public StringProperty urlProperty() {
    return url;
  }

  public StringProperty userProperty() {
    return user;
  }

  public ReadOnlyStringProperty testResultProperty() {
    return testResult.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty testOkProperty() {
    return testOk.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty testingProperty() {
    return testing.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty urlErrorProperty() {
    return urlError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty savedProperty() {
    return saved.getReadOnlyProperty();
  }
}
