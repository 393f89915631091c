package io.evalstation.app.ui.settings;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.slurm.template.JobTemplate;
import io.evalstation.slurm.template.JobTemplates;
import io.evalstation.slurm.template.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Job templates (built-in and the user's copies) opened as text and saved as a user copy, and the
 * presets with their values. Reading and writing run off the FX thread.
 */
public final class TemplateEditorViewModel {
  /** One template in the list: its name and whether a user copy overrides the built-in. */
  public record Entry(String name, boolean userCopy) {
    @Override
    public String toString() {
      return name + (userCopy ? "  (your copy)" : "  (built-in)");
    }
  }

  /** Where templates are read from and user copies written to (off the FX thread). */
  private interface Store {
    List<Entry> list() throws Exception;

    String text(String name) throws Exception;

    /** Validates and writes the user's copy; returns the file written. */
    Path saveUserCopy(String name, String text) throws Exception;

    /** The store over {@code templates}; user copies are its files. */
    static Store of(JobTemplates templates) {
      return new Store() {
        @Override
        public List<Entry> list() {
          return templates.names().stream()
              .map(n -> new Entry(n, !templates.get(n).origin().startsWith("classpath:")))
              .toList();
        }

        @Override
        public String text(String name) {
          return templates.get(name).text();
        }

        @Override
        public Path saveUserCopy(String name, String text) throws Exception {
          // Checked before anything is written: a broken template never replaces a good one.
          Path probe = Path.of(name + ".sbatch");
          JobTemplate.fromFile(name, text, probe);
          Path file = templates.copyForEditing(name);
          Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
          Files.writeString(tmp, text);
          Files.move(
              tmp,
              file,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE);
          return file;
        }
      };
    }
  }

  private final TaskExecutor tasks;
  private final Store store;
  private final ObservableList<Entry> templates = FXCollections.observableArrayList();
  private final ObservableList<String> presets = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper opened = new ReadOnlyStringWrapper("");
  private final StringProperty text = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper statusOk = new ReadOnlyBooleanWrapper(true);

  /**
   * @param templates the built-in templates and the user's copies (files in the config directory)
   */
  public TemplateEditorViewModel(TaskExecutor tasks, JobTemplates templates) {
    this.tasks = tasks;
    this.store = Store.of(templates);
  }

  /** Re-reads the template list; presets are listed with their values. */
  public void refresh() {
    presets.setAll(Preset.BUILT_IN.stream().map(TemplateEditorViewModel::describe).toList());
    Store s = store;
    if (s == null) {
      return;
    }
    BackgroundTask.of("Reading job templates", p -> s.list())
        .onSuccess(templates::setAll)
        .onFailure(e -> fail("Cannot list job templates: " + e.getMessage()))
        .executeWith(tasks);
  }

  static String describe(Preset p) {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %d GPU%s, tensor parallel %d, GPU memory %.2f, batch %s, time %s, %d CPUs, %d GB",
        p.name(),
        p.gpus(),
        p.gpus() == 1 ? "" : "s",
        p.tensorParallel(),
        p.gpuMemoryFraction(),
        p.batchSize(),
        p.sbatchTime(),
        p.cpus(),
        p.memoryGb());
  }

  /** Loads a template's text into the editor. */
  public void open(String name) {
    Store s = store;
    if (s == null || name == null) {
      return;
    }
    BackgroundTask.of("Opening job template " + name, p -> s.text(name))
        .onSuccess(
            t -> {
              opened.set(name);
              text.set(t);
              statusOk.set(true);
              status.set("Editing " + name + "; saving writes your copy, the built-in stays.");
            })
        .onFailure(e -> fail("Cannot open " + name + ": " + e.getMessage()))
        .executeWith(tasks);
  }

  /** Writes the edited text as the user's copy of the opened template. */
  public void saveUserCopy() {
    Store s = store;
    String name = opened.get();
    if (s == null || name == null || name.isEmpty()) {
      fail("Open a template first.");
      return;
    }
    String t = text.get();
    BackgroundTask.of("Saving job template " + name, p -> s.saveUserCopy(name, t))
        .onSuccess(
            file -> {
              statusOk.set(true);
              status.set("Saved " + file);
              refresh();
            })
        .onFailure(e -> fail("Not saved: " + e.getMessage()))
        .executeWith(tasks);
  }

  private void fail(String message) {
    statusOk.set(false);
    status.set(message);
  }

  public ObservableList<Entry> templates() {
    return templates;
  }

  public ObservableList<String> presets() {
    return presets;
  }

  public ReadOnlyStringProperty openedProperty() {
    return opened.getReadOnlyProperty();
  }

  public StringProperty textProperty() {
    return text;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty statusOkProperty() {
    return statusOk.getReadOnlyProperty();
  }
}
