package io.evalstation.persistence.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one import unit: a legacy session with its prediction files, or an lm-eval results
 * file with its samples files, or a file that belongs to no unit.
 *
 * @param files the unit's files, main file first
 * @param format what the main file was recognised as
 * @param sessionKey the stored session's key, null when nothing was stored
 * @param sessionId the stored session's id, null when nothing was stored
 * @param outcome what happened
 * @param reason why it failed (file, position, reason), or a note; null when imported plainly
 * @param tasks tasks stored
 * @param predictions predictions stored
 */
public record UnitReport(
    List<Path> files,
    SourceFormat format,
    String sessionKey,
    Long sessionId,
    ImportOutcome outcome,
    String reason,
    int tasks,
    long predictions) {
  public UnitReport {
    files = List.copyOf(files);
  }

  /** The main file. */
  public Path mainFile() {
    return files.isEmpty() ? null : files.get(0);
  }
}
