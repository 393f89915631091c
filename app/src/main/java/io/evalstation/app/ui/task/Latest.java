package io.evalstation.app.ui.task;

/**
 * A stream of requests of which only the newest counts ("latest request wins"): when the user
 * changes a filter twice quickly, the answer to the first change must not overwrite the second. Run
 * a request with {@link BackgroundTask#executeWith(TaskExecutor, Latest)}; the callbacks of a
 * request overtaken by a newer one, or by {@link #dropPending()}, never run. The work itself still
 * finishes (a JDBC read cannot be interrupted safely); only its answer is ignored.
 *
 * <p>Used on the FX thread only (requests start there and callbacks arrive there), so it needs no
 * locking.
 */
public final class Latest {
  private long newest;

  /** Forgets every request on its way: none of their callbacks will run. */
  public void dropPending() {
    newest++;
  }

  /** The task as the newest request: its callbacks run only while no newer one has started. */
  <T> BackgroundTask<T> claim(BackgroundTask<T> task) {
    long id = ++newest;
    return BackgroundTask.of(task.title(), task.work())
        .onSuccess(
            result -> {
              if (id == newest) {
                task.succeeded(result);
              }
            })
        .onFailure(
            error -> {
              if (id == newest) {
                task.failed(error);
              }
            })
        .onCancelled(
            () -> {
              if (id == newest) {
                task.cancelled();
              }
            });
  }
}
