package io.evalstation.app.ui.predictions;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.Latest;
import io.evalstation.app.ui.task.TaskExecutor;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Rows read from the database a page at a time, each page starting after the last row already shown
 * (keyset paging: page 1,000 costs what page 1 costs). The list only grows; {@link #reset} starts
 * over, and a page that arrives after a reset is dropped.
 *
 * @param <T> a row
 */
final class KeysetPager<T> {
  /**
   * Reads up to {@code limit} rows after {@code after} (null: from the start); off the FX thread.
   */
  @FunctionalInterface
  interface PageReader<T> {
    List<T> read(T after, int limit) throws Exception;
  }

  private final TaskExecutor tasks;
  private final int pageSize;
  private final Consumer<Throwable> onError;
  private final ObservableList<T> rows = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper exhausted = new ReadOnlyBooleanWrapper(false);
  private PageReader<T> reader;
  private final Latest pages = new Latest();
  private int pagesLoaded;

  KeysetPager(TaskExecutor tasks, int pageSize, Consumer<Throwable> onError) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size " + pageSize + " is not positive");
    }
    this.tasks = tasks;
    this.pageSize = pageSize;
    this.onError = onError;
  }

  /** Forgets the rows and reads the first page with a new reader (null: stays empty). */
  void reset(PageReader<T> newReader) {
    pages.dropPending();
    reader = newReader;
    rows.clear();
    pagesLoaded = 0;
    loading.set(false);
    exhausted.set(newReader == null);
    loadMore();
  }

  /** Reads the next page unless one is on its way or there is none. */
  void loadMore() {
    if (reader == null || loading.get() || exhausted.get()) {
      return;
    }
    loading.set(true);
    PageReader<T> r = reader;
    T after = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    BackgroundTask.of("Loading samples", p -> r.read(after, pageSize))
        .onSuccess(
            page -> {
              rows.addAll(page);
              pagesLoaded++;
              exhausted.set(page.size() < pageSize);
              loading.set(false);
            })
        .onFailure(
            e -> {
              loading.set(false);
              exhausted.set(true);
              onError.accept(e);
            })
        .onCancelled(() -> loading.set(false))
        .executeWith(tasks, pages);
  }

  ObservableList<T> rows() {
    return rows;
  }

  int pagesLoaded() {
    return pagesLoaded;
  }

  ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  ReadOnlyBooleanProperty exhaustedProperty() {
    return exhausted.getReadOnlyProperty();
  }
}
