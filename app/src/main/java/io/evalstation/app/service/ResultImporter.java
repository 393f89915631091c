package io.evalstation.app.service;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Stores one task's harness output (results, metrics, predictions) and runs {@code
 * inSameTransaction} in the transaction that stored them, so that the task is completed together
 * with its results. Implemented by the importer's {@code TaskOutputLoader}.
 */
@FunctionalInterface
public interface ResultImporter {
  /**
   * @throws RuntimeException naming the file and the reason when the outputs are missing or
   *     unreadable; nothing is stored then
   */
  void load(long taskId, Path outputDir, Consumer<DSLContext> inSameTransaction);
}
