package io.evalstation.app.ui.shell;

import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/**
 * One view reachable from the navigation frame: its title, its shortcut, and its content (built on
 * first show).
 */
public interface Page {
  /** The title in the navigation list. */
  String title();

  /** A stable id for remembering the last view and for tests ({@code sessions}, …). */
  String id();

  /** The shortcut that opens it, or null. */
  KeyCombination shortcut();

  /** The view's root node; called once, on the FX thread. */
  Node content();

  /** Called each time the page is shown (e.g. to refresh). */
  default void onShow() {}
}
