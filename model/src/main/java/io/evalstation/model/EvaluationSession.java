package io.evalstation.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An evaluation session as stored: a grid of tasks launched (or imported) together.
 *
 * @param id database id
 * @param key what the researcher calls it (legacy stamp or generated name), unique
 * @param sourceKind where it came from
 * @param category the session's category ({@code coding_specialists}, …), may be null
 * @param status its status
 * @param owner who owns it (database or OS user)
 * @param cluster the cluster profile it runs on, null for imports
 * @param startTime when it started, may be null
 * @param endTime when it ended, null while running
 * @param version row version for optimistic updates
 */
public record EvaluationSession(
    long id,
    String key,
    SourceKind sourceKind,
    String category,
    SessionStatus status,
    String owner,
    String cluster,
    Instant startTime,
    Instant endTime,
    int version) {

  public EvaluationSession {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sourceKind, "sourceKind");
    Objects.requireNonNull(status, "status");
  }
}
