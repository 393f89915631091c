package io.evalstation.app.ui.shell;

import io.evalstation.persistence.analytics.MetricSelector;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/**
 * One page of the main window: its id, title and shortcut, its view (built on first show), and what
 * it does when shown or when data changes underneath. Each feature package has one {@code XxxPage}
 * that builds its ViewModel on the app's services and returns its page.
 */
public final class Page {
  private final String id;
  private final String title;
  private final KeyCombination shortcut;
  private final Supplier<Node> view;
  private Consumer<Page> onShow = previous -> {};
  private Runnable onDataChanged = () -> {};
  private Supplier<MetricSelector> shownMetric = () -> null;

  private Page(String id, String title, String shortcut, Supplier<Node> view) {
    this.id = Objects.requireNonNull(id, "id");
    this.title = Objects.requireNonNull(title, "title");
    this.shortcut = shortcut == null ? null : KeyCombination.keyCombination(shortcut);
    this.view = Objects.requireNonNull(view, "view");
  }

  /**
   * A page.
   *
   * @param id a stable id for remembering the last view and for tests ({@code sessions}, …)
   * @param shortcut as {@link KeyCombination#keyCombination} reads it ({@code Shortcut+1}), or null
   * @param view builds the view's root node, once, on the FX thread
   */
  public static Page of(String id, String title, String shortcut, Supplier<Node> view) {
    return new Page(id, title, shortcut, view);
  }

  /** Re-reads with {@code refresh} each time the page is shown. */
  public Page refreshedOnShow(Runnable refresh) {
    return onShow(previous -> refresh.run());
  }

  /** Re-reads with {@code refresh} when shown and when data changes underneath (live pages). */
  public Page live(Runnable refresh) {
    this.onDataChanged = refresh;
    return refreshedOnShow(refresh);
  }

  /** Does {@code action} each time the page is shown, given the page shown before (or null). */
  public Page onShow(Consumer<Page> action) {
    this.onShow = Objects.requireNonNull(action);
    return this;
  }

  /** The metric the page shows ("Export current view" starts from it). */
  public Page showing(Supplier<MetricSelector> metric) {
    this.shownMetric = Objects.requireNonNull(metric);
    return this;
  }

  public String id() {
    return id;
  }

  /** The title in the navigation list. */
  public String title() {
    return title;
  }

  /** The shortcut that opens it, or null. */
  public KeyCombination shortcut() {
    return shortcut;
  }

  /** Builds the view's root node (the window calls it once, on the FX thread). */
  Node content() {
    return view.get();
  }

  /** Called each time the page is shown. */
  void shown(Page previous) {
    onShow.accept(previous);
  }

  /** Called (at most every 300 ms, on the FX thread) when data may have changed underneath. */
  void dataChanged() {
    onDataChanged.run();
  }

  /** The metric this page shows now, or null. */
  public MetricSelector shownMetric() {
    return shownMetric.get();
  }

  @Override
  public String toString() {
    return title;
  }
}
