package io.evalstation.app.ui.shell;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.persistence.config.Settings;
import java.util.Locale;
import java.util.OptionalDouble;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desktop remembers between runs (theme, window size, split positions, last view), kept in
 * the settings file under {@code ui.*} keys. Writes go through the task executor: the FX thread
 * never waits on the disk.
 */
public final class UiPreferences {
  private static final Logger LOG = LoggerFactory.getLogger(UiPreferences.class);

  public static final String THEME = "ui.theme";
  public static final String WIDTH = "ui.window.width";
  public static final String HEIGHT = "ui.window.height";
  public static final String LAST_VIEW = "ui.lastView";

  /** The two looks. */
  public enum Theme {
    LIGHT,
    DARK;

    static Theme parse(String s) {
      return "dark".equalsIgnoreCase(s) ? DARK : LIGHT;
    }

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Settings settings;
  private final TaskExecutor tasks;
  private final ObjectProperty<Theme> theme;

  public UiPreferences(Settings settings, TaskExecutor tasks) {
    this.settings = settings;
    this.tasks = tasks;
    this.theme = new SimpleObjectProperty<>(Theme.parse(settings.get(THEME).orElse("light")));
    theme.addListener((o, a, b) -> put(THEME, b == null ? null : b.key()));
  }

  /** The theme; setting it applies it live and remembers it. */
  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  /** A remembered number (window size, divider position), if any. */
  public OptionalDouble number(String key) {
    return settings
        .get(key)
        .map(
            v -> {
              try {
                return OptionalDouble.of(Double.parseDouble(v));
              } catch (NumberFormatException e) {
                LOG.warn("ignoring setting {}={}: not a number", key, v);
                return OptionalDouble.empty();
              }
            })
        .orElse(OptionalDouble.empty());
  }

  /** A remembered text. */
  public java.util.Optional<String> text(String key) {
    return settings.get(key);
  }

  /** Remembers a value and writes the settings file in the background. */
  public void put(String key, String value) {
    synchronized (settings) {
      if (java.util.Objects.equals(settings.get(key).orElse(null), value)) {
        return;
      }
      settings.put(key, value);
    }
    BackgroundTask.of(
            "Saving settings",
            p -> {
              synchronized (settings) {
                settings.save();
              }
              return null;
            })
        .onFailure(e -> LOG.warn("cannot save settings: {}", e.getMessage()))
        .executeWith(tasks);
  }

  /** Writes the file now (on exit, from the FX thread's stop(): nothing else runs then). */
  public void saveNow() {
    synchronized (settings) {
      settings.save();
    }
  }

  public Settings settings() {
    return settings;
  }
}
