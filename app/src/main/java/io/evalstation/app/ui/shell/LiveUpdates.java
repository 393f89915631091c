package io.evalstation.app.ui.shell;

import io.evalstation.app.ui.task.FxThread;
import io.evalstation.persistence.live.ChangeEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Brings the change feed to the pages: changes arrive in bursts (an import raises thousands of
 * NOTIFYs, a poll a few), so they are queued and handed to the FX thread one batch at a time, and
 * the pages re-read at most every 300 ms. Each change also goes to the notices.
 */
public final class LiveUpdates implements Consumer<ChangeEvent> {
  private final ConcurrentLinkedQueue<ChangeEvent> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final PauseTransition debounce = new PauseTransition(Duration.millis(300));
  private final LiveNotifications notifications;

  public LiveUpdates(List<Page> pages, LiveNotifications notifications) {
    this.notifications = notifications;
    debounce.setOnFinished(e -> pages.forEach(Page::dataChanged));
  }

  /** Takes one change, on any thread (the feed's). */
  @Override
  public void accept(ChangeEvent event) {
    pending.add(event);
    if (scheduled.compareAndSet(false, true)) {
      FxThread.run(
          () -> {
            scheduled.set(false);
            debounce.playFromStart();
            for (ChangeEvent e; (e = pending.poll()) != null; ) {
              notifications.onChange(e);
            }
          });
    }
  }
}
