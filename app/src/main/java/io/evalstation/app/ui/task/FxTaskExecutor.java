package io.evalstation.app.ui.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background tasks on a pool of named daemon threads ({@code db-1}, {@code db-2}, …) as JavaFX
 * {@link Task}s, so progress, messages and callbacks arrive on the FX thread.
 */
public final class FxTaskExecutor implements TaskExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

  private final ExecutorService pool;
  private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();

  /** A pool of {@code threads} threads named {@code prefix-N}. */
  public FxTaskExecutor(String prefix, int threads) {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public <T> TaskHandle execute(BackgroundTask<T> task) {
    Task<T> fx =
        new Task<>() {
          @Override
          protected T call() throws Exception {
            updateMessage(task.title());
            return task.work()
                .call(
                    new Progress() {
                      @Override
                      public void update(double done, double total, String message) {
                        if (total > 0) {
                          updateProgress(done, total);
                        }
                        if (message != null) {
                          updateMessage(message);
                        }
                      }

                      @Override
                      public boolean isCancelled() {
                        return Thread.currentThread().isInterrupted() || taskCancelled();
                      }
                    });
          }

          private boolean taskCancelled() {
            return isCancelled();
          }
        };
    Handle handle = new Handle(task.title(), fx);
    fx.setOnSucceeded(e -> finish(handle, () -> task.succeeded(fx.getValue())));
    fx.setOnFailed(
        e -> {
          Throwable error = fx.getException();
          if (error instanceof CancellationException || error instanceof InterruptedException) {
            finish(handle, task::cancelled);
          } else {
            LOG.warn("{} failed", task.title(), error);
            finish(handle, () -> task.failed(error));
          }
        });
    fx.setOnCancelled(e -> finish(handle, task::cancelled));
    FxThread.run(() -> running.add(handle));
    pool.execute(fx);
    return handle;
  }

  private void finish(Handle handle, Runnable callback) {
    running.remove(handle);
    callback.run();
  }

  @Override
  public ObservableList<TaskHandle> running() {
    return running;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Handle(String title, Task<?> task) implements TaskHandle {
    @Override
    public ReadOnlyDoubleProperty progressProperty() {
      return task.progressProperty();
    }

    @Override
    public ReadOnlyStringProperty messageProperty() {
      return task.messageProperty();
    }

    @Override
    public void cancel() {
      task.cancel(true);
    }

    @Override
    public boolean isDone() {
      return task.isDone();
    }
  }
}
