package io.evalstation.app.ui.shell;

import javafx.scene.input.KeyCombination;

/** A page's id, title and shortcut; the feature's page adds its ViewModel and View. */
public abstract class AbstractPage implements Page {
  private final String id;
  private final String title;
  private final KeyCombination shortcut;

  /**
   * @param shortcut as {@link KeyCombination#keyCombination} reads it ({@code Shortcut+1}), or null
   */
  protected AbstractPage(String id, String title, String shortcut) {
    this.id = id;
    this.title = title;
    this.shortcut = shortcut == null ? null : KeyCombination.keyCombination(shortcut);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String title() {
    return title;
  }

  @Override
  public final KeyCombination shortcut() {
    return shortcut;
  }

  @Override
  public String toString() {
    return title;
  }
}
