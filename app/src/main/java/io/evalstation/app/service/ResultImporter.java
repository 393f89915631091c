package io.evalstation.app.service;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Stores one task's harness output (results, metrics, predictions) and completes the task, in one
 * transaction owned by persistence: the task is completed together with its results, or nothing
 * changes. Implemented by the importer's {@code TaskOutputLoader#loadAndComplete}.
 */
@FunctionalInterface
public interface ResultImporter {
  /**
   * @param expectedVersion the task's row version as the caller read it
   * @param start the job's start as SLURM says, may be null
   * @param end the job's end as SLURM says, may be null
   * @throws RuntimeException naming the file and the reason when the outputs are missing or
   *     unreadable; nothing is stored then
   */
  void loadAndComplete(
      long taskId, int expectedVersion, Path outputDir, Instant start, Instant end);
}
