package io.evalstation.persistence.importer;

import java.util.Locale;

/** What happened to one import unit (a session with its files). */
public enum ImportOutcome {
  /** A new session was stored. */
  IMPORTED,
  /** The session was already stored with the same content: nothing changed. */
  UNCHANGED,
  /** The session existed with other content: its rows were replaced in one transaction. */
  REPLACED,
  /** The unit could not be read or stored; nothing of it was stored. */
  FAILED,
  /** The import was cancelled before or while this unit was stored; nothing of it was stored. */
  CANCELLED;

  /** Lower-case name for output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
