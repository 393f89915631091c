package io.evalstation.app.ui.controls;

import java.util.Locale;
import javafx.scene.control.Label;

/**
 * A small rounded label naming a status ({@code running}, {@code failed}, …); its colour comes from
 * the style class {@code status-<status>} so that both themes colour it.
 */
public final class StatusBadge extends Label {
  public StatusBadge() {
    getStyleClass().add("status-badge");
    // A badge is never shortened to "…": the text beside it gives way instead.
    setMinWidth(USE_PREF_SIZE);
  }

  public StatusBadge(String status) {
    this();
    setStatus(status);
  }

  /** Shows a status (an enum name or stored value); null shows nothing. */
  public void setStatus(String status) {
    getStyleClass().removeIf(c -> c.startsWith("status-") && !c.equals("status-badge"));
    if (status == null) {
      setText(null);
      return;
    }
    String s = status.toLowerCase(Locale.ROOT);
    setText(s);
    getStyleClass().add("status-" + s);
  }
}
