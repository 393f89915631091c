package io.evalstation.app.ui.controls;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

/** The table columns and list cells the views share, so that each view says only what it shows. */
public final class Cells {
  private Cells() {}

  /** A column showing {@code value} of each row. */
  public static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
    TableColumn<S, T> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }

  /** A column of {@code width} pixels showing {@code value} of each row. */
  public static <S, T> TableColumn<S, T> column(String title, Function<S, T> value, double width) {
    TableColumn<S, T> c = column(title, value);
    c.setPrefWidth(width);
    return c;
  }

  /** A column of status badges ({@code running}, {@code imported}, …) coloured by their style. */
  public static <S> TableColumn<S, String> badges(
      String title, Function<S, String> status, double width) {
    TableColumn<S, String> c = column(title, status, width);
    c.setCellFactory(
        col ->
            new TableCell<>() {
              private final StatusBadge badge = new StatusBadge();

              @Override
              protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                badge.setStatus(s);
                setGraphic(empty || s == null ? null : badge);
              }
            });
    return c;
  }

  /**
   * Table cells that show {@code text} of a value ("–" for none) and carry the style class {@code
   * stylePrefix + style(value)}, so that the theme colours them; {@code stylePrefix} null: no
   * style.
   */
  public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> text(
      Function<T, String> text, String stylePrefix, Function<T, String> style) {
    return col ->
        new TableCell<>() {
          @Override
          protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            if (stylePrefix != null) {
              getStyleClass().removeIf(s -> s.startsWith(stylePrefix));
            }
            if (empty) {
              setText(null);
            } else if (item == null) {
              setText(stylePrefix == null ? "–" : null);
            } else {
              setText(text.apply(item));
              if (stylePrefix != null) {
                getStyleClass().add(stylePrefix + style.apply(item));
              }
            }
          }
        };
  }

  /** List cells showing {@code text} of each item, with the id {@code idOf(item)} (or none). */
  public static <T> Callback<ListView<T>, ListCell<T>> listText(
      Function<T, String> text, Function<T, String> idOf) {
    return lv ->
        new ListCell<>() {
          @Override
          protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : text.apply(item));
            setId(empty || item == null || idOf == null ? null : idOf.apply(item));
          }
        };
  }
}
