package io.evalstation.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads passwords from a PostgreSQL password file ({@code ~/.pgpass}, or {@code PGPASSFILE}), in
 * libpq's format: {@code hostname:port:database:username:password}, {@code *} matching anything,
 * {@code \:} and {@code \\} escaped. Evalstation reads this file and never writes passwords.
 */
public final class PgPass {
  private final List<String[]> entries;

  private PgPass(List<String[]> entries) {
    this.entries = entries;
  }

  /** The user's password file: {@code PGPASSFILE}, else {@code ~/.pgpass}; empty when absent. */
  public static PgPass forCurrentUser() {
    String env = System.getenv("PGPASSFILE");
    Path file =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".pgpass");
    return read(file);
  }

  /** Reads a password file; a missing file has no entries. */
  public static PgPass read(Path file) {
    List<String[]> entries = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new PgPass(entries);
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = split(line);
        if (fields.length == 5) {
          entries.add(fields);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read password file " + file, e);
    }
    return new PgPass(entries);
  }

  /** The password of the first entry that matches, as libpq picks it. */
  public Optional<String> find(String host, int port, String database, String user) {
    String[] wanted = {host, Integer.toString(port), database, user};
    for (String[] e : entries) {
      boolean match = true;
      for (int i = 0; i < 4 && match; i++) {
        match = e[i].equals("*") || e[i].equals(wanted[i]);
      }
      if (match) {
        return Optional.of(e[4]);
      }
    }
    return Optional.empty();
  }

  private static String[] split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        current.append(line.charAt(++i));
      } else if (c == ':' && fields.size() < 4) {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields.toArray(String[]::new);
  }
}
