package io.evalstation.app.ui.task;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Runs tasks at once on the calling thread: deterministic ViewModel tests. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
  private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();

  @Override
  public <T> TaskHandle execute(BackgroundTask<T> task) {
    ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(task.title());
    boolean[] cancelled = {false};
    TaskHandle handle =
        new TaskHandle() {
          @Override
          public String title() {
            return task.title();
          }

          @Override
          public ReadOnlyDoubleProperty progressProperty() {
            return progress.getReadOnlyProperty();
          }

          @Override
          public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
          }

          @Override
          public void cancel() {
            cancelled[0] = true;
          }

          @Override
          public boolean isDone() {
            return true;
          }
        };
    try {
      T result =
          task.work()
              .call(
                  new Progress() {
                    @Override
                    public void update(double done, double total, String msg) {
                      progress.set(total > 0 ? done / total : -1);
                      if (msg != null) {
                        message.set(msg);
                      }
                    }

                    @Override
                    public boolean isCancelled() {
                      return cancelled[0];
                    }
                  });
      task.succeeded(result);
    } catch (Exception e) {
      task.failed(e);
    }
    return handle;
  }

  @Override
  public ObservableList<TaskHandle> running() {
    return running;
  }

  @Override
  public void close() {}
}
