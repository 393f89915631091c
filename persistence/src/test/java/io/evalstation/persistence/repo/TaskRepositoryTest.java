package io.evalstation.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads of tasks. */
class TaskRepositoryTest extends TaskRepositoriesTestBase {
  @Test
  void historyGivesSecondsPerSample() {
    var s =
        lifecycle.createSession(
            new TaskLifecycleRepository.NewSession(
                "history",
                null,
                "local",
                List.of(new TaskSpec("hist-model", "mbpp", "fast", 10, Priority.HIGH))));
    EvaluationTask t = s.tasks().get(0);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    t = lifecycle.markQueued(t.id(), t.version(), 51, "/x", start);
    t = lifecycle.markRunning(t.id(), t.version(), "n", start);
    complete(t, start.plusSeconds(20));
    assertThat(reads.historicalSecondsPerSample("hist-model", "mbpp")).hasValue(2.0);
    assertThat(reads.historicalSecondsPerSample("hist-model", "other")).hasValue(2.0);
    assertThat(reads.historicalSecondsPerSample("nobody", "mbpp")).isEmpty();
  }
}
