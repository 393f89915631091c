package io.evalstation.app.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.UiHarness;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.persistence.live.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Desktop notices from the change feed, on a real embedded PostgreSQL. */
class LiveNotificationsTest {
  private static final UiHarness harness = UiHarness.shared(UiHarness.Fixture.OPERATIONS);
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @Test
  void noticesComeOnlyFromStateChanges() {
    List<LiveNotifications.Notice> got = new ArrayList<>();
    LiveNotifications n =
        new LiveNotifications(harness.context.tasks(), harness.context.sessions(), tasks, got::add);
    long failedTask =
        harness
            .context
            .keyResults()
            .sessionTasks(harness.seeded.failedSession())
            .get(1)
            .task()
            .id();
    long okTask =
        harness
            .context
            .keyResults()
            .sessionTasks(harness.seeded.failedSession())
            .get(0)
            .task()
            .id();
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "insert", failedTask, 0, 0));
    assertThat(got).isEmpty();
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "update", okTask, 0, 1));
    assertThat(got).isEmpty();
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "update", failedTask, 0, 1));
    assertThat(got).hasSize(1);
    assertThat(got.get(0).text()).contains("Qwen2.5-7B-Instruct on humaneval").contains("CUDA");
    n.onChange(new ChangeEvent(ChangeEvent.Kind.TASK, "update", failedTask, 0, 2));
    assertThat(got).hasSize(1); // still failed: nothing new
    n.onChange(
        new ChangeEvent(
            ChangeEvent.Kind.SESSION, "update", harness.seeded.completedSession(), 0, 1));
    assertThat(got).hasSize(2);
    assertThat(got.get(1).title()).isEqualTo("Session completed");
  }
}
