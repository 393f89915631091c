package io.evalstation.app.ui.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work to run off the FX thread, with its callbacks: {@code tasks.run(BackgroundTask.of("Importing
 * 212 files", job).onSuccess(vm::show).onFailure(errors::show))}. Callbacks run on the FX thread
 * (or, with {@link CurrentThreadTaskExecutor}, on the caller's).
 *
 * @param <T> the result
 */
public final class BackgroundTask<T> {
  /** The work: may throw; reads {@link Progress#isCancelled()} to stop early. */
  @FunctionalInterface
  public interface Work<T> {
    T call(Progress progress) throws Exception;
  }

  private final String title;
  private final Work<T> work;
  private Consumer<T> onSuccess = r -> {};
  private Consumer<Throwable> onFailure = e -> {};
  private Runnable onCancelled = () -> {};

  private BackgroundTask(String title, Work<T> work) {
    this.title = Objects.requireNonNull(title, "title");
    this.work = Objects.requireNonNull(work, "work");
  }

  /** Work with a title shown while it runs. */
  public static <T> BackgroundTask<T> of(String title, Work<T> work) {
    return new BackgroundTask<>(title, work);
  }

  public BackgroundTask<T> onSuccess(Consumer<T> consumer) {
    this.onSuccess = Objects.requireNonNull(consumer);
    return this;
  }

  public BackgroundTask<T> onFailure(Consumer<Throwable> consumer) {
    this.onFailure = Objects.requireNonNull(consumer);
    return this;
  }

  public BackgroundTask<T> onCancelled(Runnable runnable) {
    this.onCancelled = Objects.requireNonNull(runnable);
    return this;
  }

  /** Runs it with the executor. */
  public TaskHandle executeWith(TaskExecutor executor) {
    return executor.execute(this);
  }

  /**
   * Runs it with the executor as the newest request of {@code lane}: if another request of the lane
   * starts before this one ends, this one's callbacks are dropped.
   */
  public TaskHandle executeWith(TaskExecutor executor, Latest lane) {
    return executor.execute(this, lane);
  }

  public String title() {
    return title;
  }

  Work<T> work() {
    return work;
  }

  void succeeded(T result) {
    onSuccess.accept(result);
  }

  void failed(Throwable error) {
    onFailure.accept(error);
  }

  void cancelled() {
    onCancelled.run();
  }
}
