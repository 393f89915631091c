package io.evalstation.persistence.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The user's settings file ({@code settings.properties} in the config directory): plain keys such
 * as {@code database.url}, {@code database.user}, {@code ui.theme}. Passwords are never stored
 * here: {@link #put} refuses any key that looks like one.
 */
public final class Settings {
  /** JDBC URL of a shared PostgreSQL; absent means the embedded database. */
  public static final String DATABASE_URL = "database.url";

  /** User name for the shared PostgreSQL. */
  public static final String DATABASE_USER = "database.user";

  private final Path file;
  private final Map<String, String> values;

  private Settings(Path file, Map<String, String> values) {
    this.file = file;
    this.values = values;
  }

  /** Reads the settings file; a missing file is empty settings. */
  public static Settings load(Path file) {
    Map<String, String> values = new TreeMap<>();
    if (Files.exists(file)) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "cannot read settings file " + file + ": " + e.getMessage(), e);
      }
      props.forEach((k, v) -> values.put(k.toString(), v.toString()));
    }
    return new Settings(file, values);
  }

  /** The value of a key, if set and not blank. */
  public Optional<String> get(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** Sets a key (or removes it, for a null or blank value); call {@link #save} to write. */
  public Settings put(String key, String value) {
    if (key.toLowerCase(java.util.Locale.ROOT).contains("password")) {
      throw new IllegalArgumentException(
          "setting '"
              + key
              + "' looks like a password: Evalstation never writes passwords (use ~/.pgpass)");
    }
    if (value == null || value.isBlank()) {
      values.remove(key);
    } else {
      values.put(key, value.trim());
    }
    return this;
  }

  /** A copy of all settings. */
  public Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  /** Writes the file atomically (a temporary file moved into place). */
  public void save() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Properties props = new Properties();
      props.putAll(values);
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        props.store(out, "Evalstation settings");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write settings file " + file, e);
    }
  }

  /** The file these settings live in. */
  public Path file() {
    return file;
  }
}
