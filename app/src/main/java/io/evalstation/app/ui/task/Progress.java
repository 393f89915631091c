package io.evalstation.app.ui.task;

/** What background work reports while it runs, and how it learns that it was cancelled. */
public interface Progress {
  /** Reports {@code done} out of {@code total} (total &le; 0: unknown) with a message. */
  void update(double done, double total, String message);

  /** True once the user cancelled; the work should stop and leave nothing half-done. */
  boolean isCancelled();

  /** A progress that reports nowhere and is never cancelled. */
  static Progress none() {
    return new Progress() {
      @Override
      public void update(double done, double total, String message) {}

      @Override
      public boolean isCancelled() {
        return false;
      }
    };
  }
}
