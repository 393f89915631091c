package io.evalstation.persistence.db;

import io.evalstation.persistence.config.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads passwords from a PostgreSQL password file ({@code ~/.pgpass}, or {@code PGPASSFILE}), in
 * libpq's format: {@code hostname:port:database:username:password}, {@code *} matching anything,
 * {@code \:} and {@code \\} escaped. Evalstation reads this file and never writes passwords.
 *
 * <p>As libpq does, a file that its group or other users may read or write is ignored, with a
 * warning: its passwords are no secret any more, and another user could have put them there.
 */
public final class PgPass {
  private static final Logger LOG = LoggerFactory.getLogger(PgPass.class);

  private final List<String[]> entries;
  private final String ignoredBecause;

  private PgPass(List<String[]> entries, String ignoredBecause) {
    this.entries = entries;
    this.ignoredBecause = ignoredBecause;
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

  /**
   * Reads a password file; a missing file has no entries, and so has a file others may read or
   * write (see {@link #ignoredBecause()}).
   */
  public static PgPass read(Path file) {
    List<String[]> entries = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new PgPass(entries, null);
    }
    try {
      if (PrivateFiles.openToOthers(file)) {
        String why =
            "password file "
                + file
                + " has group or world access (permissions should be u=rw, 0600, or less):"
                + " ignored, as PostgreSQL's own tools ignore it; run chmod 600 "
                + file;
        LOG.warn(why);
        return new PgPass(entries, why);
      }
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
    return new PgPass(entries, null);
  }

  /** Why the file's passwords were not used (its permissions), if they were not. */
  public Optional<String> ignoredBecause() {
    return Optional.ofNullable(ignoredBecause);
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
