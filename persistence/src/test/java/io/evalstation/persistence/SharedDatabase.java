package io.evalstation.persistence;

import io.evalstation.persistence.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One migrated embedded database shared by the test classes of a run that register it under the
 * same name (each writes rows of its own, with keys of its own), so that a repository split into
 * several classes, each with its test, costs no extra server start. Register it with
 * {@code @RegisterExtension static final SharedDatabase shared = new SharedDatabase("shared");}.
 */
public final class SharedDatabase implements BeforeAllCallback {
  private final String name;
  private Open open;

  /** The shared database called {@code name}. */
  public SharedDatabase(String name) {
    this.name = name;
  }

  private record Open(Path dir, Database db) implements AutoCloseable {
    @Override
    public void close() {
      db.close();
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + dir, e);
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(SharedDatabase.class))
            .getOrComputeIfAbsent(name, k -> create(), Open.class);
  }

  private Open create() {
    try {
      Path dir = Files.createTempDirectory("shared-db-" + name);
      return new Open(dir, TestDatabase.open(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The database (after the class's {@code beforeAll}). */
  public Database db() {
    return open.db();
  }
}
