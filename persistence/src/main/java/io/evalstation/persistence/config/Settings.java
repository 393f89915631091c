package io.evalstation.persistence.config;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's settings file ({@code settings.properties} in the config directory): plain keys such
 * as {@code database.url}, {@code database.user}, {@code ui.theme}. Passwords are never stored
 * here: {@link #put} refuses any key that looks like one and any value that holds one (a URL's
 * {@code password=}), and {@link #save} leaves out a password an older file still carried. The file
 * is private (0600, in a 0700 directory).
 */
public final class Settings {
  /** JDBC URL of a shared PostgreSQL; absent means the embedded database. */
  public static final String DATABASE_URL = "database.url";

  /** User name for the shared PostgreSQL. */
  public static final String DATABASE_USER = "database.user";

  /**
   * The CA certificate (PEM file) that signed the shared PostgreSQL's certificate, or {@code
   * system} for the Java trust store.
   */
  public static final String DATABASE_SSLROOTCERT = "database.sslrootcert";

  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

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
      try {
        PrivateFiles.tighten(file);
      } catch (IOException e) {
        LOG.warn("cannot make settings file {} private: {}", file, e.getMessage());
      }
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
    if (Secrets.containsSecret(value)) {
      throw new IllegalArgumentException(
          "setting '"
              + key
              + "' holds a password ("
              + Secrets.redact(value.trim())
              + "): Evalstation never writes passwords; remove it and keep it in ~/.pgpass");
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

  /**
   * Writes the file atomically and privately (0600 in a 0700 directory). A password that an older
   * settings file carried in a value is left out, with a warning.
   */
  public void save() {
    try {
      Properties props = new Properties();
      values.forEach(
          (k, v) -> {
            if (Secrets.containsSecret(v)) {
              LOG.warn("setting {} held a password: saved without it (keep it in ~/.pgpass)", k);
              props.put(k, Secrets.withoutPasswordParameters(v));
            } else {
              props.put(k, v);
            }
          });
      PrivateFiles.write(
          file,
          out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            props.store(w, "Evalstation settings");
            w.flush();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write settings file " + file, e);
    }
  }

  /** The file these settings live in. */
  public Path file() {
    return file;
  }
}
