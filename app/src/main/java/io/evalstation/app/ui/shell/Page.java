package io.evalstation.app.ui.shell;

import io.evalstation.persistence.analytics.MetricSelector;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/**
 * One page of the main window, one per feature package ({@code DashboardPage}, …): its id, title
 * and shortcut, and its content, built from its ViewModel on first show.
 */
public interface Page {
  /** A stable id for remembering the last view and for tests ({@code sessions}, …). */
  String id();

  /** The title in the navigation list. */
  String title();

  /** The shortcut that opens it, or null. */
  KeyCombination shortcut();

  /** The view's root node; called once, on the FX thread. */
  Node content();

  /**
   * Called each time the page is shown (e.g. to refresh).
   *
   * @param previous the page shown before, or null at start
   */
  default void onShow(Page previous) {}

  /** Called (at most every 300 ms, on the FX thread) when data may have changed underneath. */
  default void onDataChanged() {}

  /** The metric this page shows now ("Export current view" starts from it), or null. */
  default MetricSelector shownMetric() {
    return null;
  }
}
