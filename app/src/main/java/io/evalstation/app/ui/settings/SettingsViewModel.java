package io.evalstation.app.ui.settings;

import io.evalstation.app.ui.shell.UiPreferences;
import io.evalstation.app.ui.shell.UiPreferences.Theme;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.config.Settings;
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
  private Catalog catalog = Catalog.NONE;

  /** Clusters, job templates and presets as configured (files in the config directory). */
  public interface Catalog {
    Catalog NONE =
        new Catalog() {
          @Override
          public java.util.List<String> clusters() {
            return java.util.List.of();
          }

          @Override
          public java.util.List<String> templates() {
            return java.util.List.of();
          }

          @Override
          public java.util.List<String> presets() {
            return java.util.List.of();
          }
        };

    /** One line per cluster profile: "name — user@host, partition p". */
    java.util.List<String> clusters() throws Exception;

    java.util.List<String> templates() throws Exception;

    java.util.List<String> presets() throws Exception;
  }

  /** Where clusters, templates and presets come from. */
  public void setCatalog(Catalog catalog) {
    this.catalog = catalog;
  }

  private record Listed(
      java.util.List<String> clusters,
      java.util.List<String> templates,
      java.util.List<String> presets) {}

  /** Re-reads clusters, templates and presets off the FX thread. */
  public void refresh() {
    Catalog c = catalog;
    BackgroundTask.of(
            "Reading cluster profiles", p -> new Listed(c.clusters(), c.templates(), c.presets()))
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

  public javafx.collections.ObservableList<String> clusters() {
    return clusters;
  }

  public ReadOnlyStringProperty templatesProperty() {
    return templates.getReadOnlyProperty();
  }

  /**
   * @param embeddedCheck checks the embedded database when that is the choice (runs off the FX
   *     thread)
   */
  public SettingsViewModel(
      UiPreferences preferences,
      TaskExecutor tasks,
      ConnectionProbe probe,
      Supplier<String> embeddedCheck) {
    this.preferences = preferences;
    this.tasks = tasks;
    this.probe = probe;
    this.embeddedCheck = embeddedCheck;
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
