package io.evalstation.app.ui.shell;

import io.evalstation.persistence.analytics.TaskRef;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How one page leads to another without knowing it: a page asks for something ({@link OpenSession},
 * {@link ComparePredictions}), and the page that answers it registered a handler. So feature
 * packages never depend on each other (ArchitectureTest checks it).
 */
public final class Navigation {
  /** Show one session in the Session detail page. */
  public record OpenSession(long sessionId) {}

  /** Show two runs' predictions side by side (from Compare). */
  public record ComparePredictions(TaskRef a, TaskRef b) {}

  private final Map<Class<?>, Consumer<Object>> handlers = new HashMap<>();
  private Consumer<String> selector = id -> {};

  /** Answers requests of one kind (the page that shows them registers it). */
  public <R> void handle(Class<R> request, Consumer<? super R> handler) {
    handlers.put(request, r -> handler.accept(request.cast(r)));
  }

  /** Asks for {@code request}: the page answering it shows it. Call on the FX thread. */
  public void open(Object request) {
    Consumer<Object> handler = handlers.get(request.getClass());
    if (handler == null) {
      throw new IllegalStateException("no page answers " + request);
    }
    handler.accept(request);
  }

  /** Shows the page with this id. */
  public void show(String pageId) {
    selector.accept(pageId);
  }

  /** Where {@link #show} leads: the main window's page selection. */
  void showWith(Consumer<String> pageSelector) {
    this.selector = pageSelector;
  }
}
