package io.evalstation.app.cli;

import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.persistence.repo.SessionRepository;
import io.evalstation.persistence.repo.TaskRepository;
import java.util.Optional;

/**
 * How the command line names sessions and tasks: a session by its key or numeric id; a task as
 * {@code SESSION/INDEX} (its 0-based index in the session, as {@code status} lists it) or {@code
 * task:ID} (its database id).
 */
final class TaskTargets {
  private TaskTargets() {}

  /** A session by key or id, or a NOT_FOUND error naming it. */
  static EvaluationSession session(SessionRepository sessions, String keyOrId) {
    return sessions
        .findByKeyOrId(keyOrId)
        .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "no session '" + keyOrId + "'"));
  }

  /** The task a target names, or empty when the target names a session. */
  static Optional<EvaluationTask> task(
      SessionRepository sessions, TaskRepository tasks, String target) {
    if (target.startsWith("task:")) {
      String id = target.substring(5);
      if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            "task '" + target + "': expected task:ID with a numeric database id");
      }
      return Optional.of(
          tasks
              .find(Long.parseLong(id))
              .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "no task with id " + id)));
    }
    int slash = target.lastIndexOf('/');
    if (slash > 0) {
      String index = target.substring(slash + 1);
      if (!index.isEmpty() && index.chars().allMatch(Character::isDigit)) {
        EvaluationSession s = session(sessions, target.substring(0, slash));
        int i = Integer.parseInt(index);
        return Optional.of(
            tasks
                .findByIndex(s.id(), i)
                .orElseThrow(
                    () ->
                        new CliException(
                            ExitCodes.NOT_FOUND, "session " + s.key() + " has no task " + i)));
      }
    }
    return Optional.empty();
  }
}
