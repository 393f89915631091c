package io.evalstation.persistence.live;

/**
 * What changed in the database, as a NOTIFY on {@code evalstation_changes} says it: which kind of
 * row, which operation, its id, its session and its new row version. A {@link Kind#RESYNC} event
 * says that events may have been missed (the listener reconnected): re-read everything shown.
 *
 * @param kind session, task or resync
 * @param op insert, update or delete
 * @param id the row's id (session id or task id); 0 for resync
 * @param sessionId the session the row belongs to; 0 for resync
 * @param version the row version after the change
 */
public record ChangeEvent(Kind kind, String op, long id, long sessionId, int version) {
  /** The channel the triggers notify on. */
  public static final String CHANNEL = "evalstation_changes";

  /** Kinds of change. */
  public enum Kind {
    SESSION,
    TASK,
    RESYNC
  }

  /** The event sent after a reconnect. */
  public static ChangeEvent resync() {
    return new ChangeEvent(Kind.RESYNC, "resync", 0, 0, 0);
  }
}
