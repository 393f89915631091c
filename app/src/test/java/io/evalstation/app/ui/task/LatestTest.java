package io.evalstation.app.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** "Latest request wins": answers that arrive after a newer request are dropped. */
class LatestTest {
  /** Holds tasks until the test lets them finish, in any order (answers that overtake). */
  private static final class HeldTasks implements TaskExecutor {
    private final Deque<Runnable> held = new ArrayDeque<>();

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
      held.add(() -> new CurrentThreadTaskExecutor().execute(task));
      return null;
    }

    void finishNewestFirst() {
      while (!held.isEmpty()) {
        held.removeLast().run();
      }
    }

    void finishOldestFirst() {
      while (!held.isEmpty()) {
        held.removeFirst().run();
      }
    }

    @Override
    public ObservableList<TaskHandle> running() {
      return FXCollections.observableArrayList();
    }

    @Override
    public void close() {}
  }

  private static BackgroundTask<String> answer(String text, List<String> shown) {
    return BackgroundTask.of("read " + text, p -> text).onSuccess(shown::add);
  }

  @Test
  void onlyTheNewestRequestsAnswerIsShownWhateverOrderTheyArriveIn() {
    HeldTasks tasks = new HeldTasks();
    Latest lane = new Latest();
    List<String> shown = new ArrayList<>();
    answer("first", shown).executeWith(tasks, lane);
    answer("second", shown).executeWith(tasks, lane);
    tasks.finishOldestFirst();
    assertThat(shown).containsExactly("second");

    shown.clear();
    answer("third", shown).executeWith(tasks, lane);
    answer("fourth", shown).executeWith(tasks, lane);
    tasks.finishNewestFirst();
    assertThat(shown).containsExactly("fourth");
  }

  @Test
  void failuresOfOvertakenRequestsAreDroppedToo() {
    HeldTasks tasks = new HeldTasks();
    Latest lane = new Latest();
    List<String> errors = new ArrayList<>();
    BackgroundTask.<String>of(
            "fails",
            p -> {
              throw new IllegalStateException("old failure");
            })
        .onFailure(e -> errors.add(e.getMessage()))
        .executeWith(tasks, lane);
    BackgroundTask.<String>of(
            "fails too",
            p -> {
              throw new IllegalStateException("new failure");
            })
        .onFailure(e -> errors.add(e.getMessage()))
        .executeWith(tasks, lane);
    tasks.finishOldestFirst();
    assertThat(errors).containsExactly("new failure");
  }

  @Test
  void droppingPendingRequestsSilencesThemAndOtherLanesAreIndependent() {
    HeldTasks tasks = new HeldTasks();
    Latest lane = new Latest();
    Latest other = new Latest();
    List<String> shown = new ArrayList<>();
    answer("pending", shown).executeWith(tasks, lane);
    answer("elsewhere", shown).executeWith(tasks, other);
    lane.dropPending();
    tasks.finishOldestFirst();
    assertThat(shown).containsExactly("elsewhere");
  }

  @Test
  void withoutALaneEveryAnswerArrives() {
    HeldTasks tasks = new HeldTasks();
    List<String> shown = new ArrayList<>();
    answer("one", shown).executeWith(tasks);
    answer("two", shown).executeWith(tasks);
    tasks.finishOldestFirst();
    assertThat(shown).containsExactly("one", "two");
  }
}
