package io.evalstation.persistence.importer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared/data} (the real lm-eval files) above the working directory. */
final class SharedData {
  private SharedData() {}

  /** The folder, or the test is skipped with a message saying it is absent. */
  static Path lmEval() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared").resolve("data").resolve("lm-eval");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path inside = dir.resolve("shared").resolve("data").resolve("lm-eval");
      if (Files.isDirectory(inside)) {
        return inside;
      }
      dir = dir.getParent();
    }
    assumeTrue(false, "shared/data/lm-eval is absent: the real lm-eval fixtures cannot be checked");
    return null;
  }
}
