package io.evalstation.app.ui.controls;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The small layouts the views share: a labelled control, a titled section. */
public final class Forms {
  private Forms() {}

  /** A control with a small label above it (filters, pickers). */
  public static Node labelled(String text, Node control) {
    Label label = new Label(text);
    label.getStyleClass().add("filter-label");
    return new VBox(2, label, control);
  }

  /** An error line bound to {@code text}; it takes no room while there is no error. */
  public static Label errorLine(ObservableStringValue text) {
    Label error = new Label();
    error.getStyleClass().add("error-text");
    error.textProperty().bind(text);
    error.visibleProperty().bind(Bindings.isNotEmpty(text));
    error.managedProperty().bind(error.visibleProperty());
    return error;
  }

  /** A section: a title over its body, with the given extra style classes. */
  public static VBox section(String title, Node body, String... styleClasses) {
    Label l = new Label(title);
    l.getStyleClass().add("section-title");
    VBox box = new VBox(8, l, body);
    box.getStyleClass().addAll(styleClasses);
    return box;
  }
}
