package io.evalstation.persistence.repo;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.persistence.SharedDatabase;
import io.evalstation.persistence.db.Database;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The task repositories (lifecycle, reads, monitor state) on one database shared by their tests:
 * each test makes sessions with keys of its own.
 */
abstract class TaskRepositoriesTestBase {
  @RegisterExtension static final SharedDatabase shared = new SharedDatabase("shared");
  static Database db;
  static TaskLifecycleRepository lifecycle;
  static TaskRepository reads;
  static MonitorStateRepository monitor;
  static SessionRepository sessions;

  @BeforeAll
  static void open() {
    db = shared.db();
    lifecycle = new TaskLifecycleRepository(db);
    reads = new TaskRepository(db);
    monitor = new MonitorStateRepository(db);
    sessions = new SessionRepository(db);
  }

  static TaskLifecycleRepository.SessionWithTasks create(String key, int n) {
    List<TaskSpec> specs =
        java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> new TaskSpec("model-" + i, "humaneval", "fast", 10, Priority.NORMAL))
            .toList();
    return lifecycle.createSession(
        new TaskLifecycleRepository.NewSession(key, "coding", "local", specs));
  }

  /** Completes a task as the collector does: in a transaction of the caller's. */
  static EvaluationTask complete(EvaluationTask t, Instant end) {
    return db.dsl()
        .transactionResult(
            c -> TaskLifecycleRepository.markCompleted(c.dsl(), t.id(), t.version(), null, end));
  }
}
