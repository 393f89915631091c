package io.evalstation.persistence.importer;

/**
 * Receives progress of an import, on the importing thread, at most a few times a second and after
 * every unit. A UI forwards it to its own thread.
 */
@FunctionalInterface
public interface ImportListener {
  /** Ignores progress. */
  ImportListener NONE = p -> {};

  /** Progress so far. */
  void progress(ImportProgress progress);

  /** A unit finished (imported, unchanged, replaced, failed or cancelled). */
  default void unitDone(UnitReport report) {}
}
