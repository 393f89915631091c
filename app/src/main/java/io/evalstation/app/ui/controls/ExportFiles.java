package io.evalstation.app.ui.controls;

import io.evalstation.persistence.export.ReportFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** Choosing an export's format and file, the same way on every page that exports. */
public final class ExportFiles {
  private ExportFiles() {}

  /** A picker of the file formats the desktop exports, by their readable names. */
  public static ComboBox<ReportFormat> formatPicker() {
    ComboBox<ReportFormat> box =
        new ComboBox<>(FXCollections.observableArrayList(ReportFormat.FILE_EXPORTS));
    StringConverter<ReportFormat> labels =
        new StringConverter<>() {
          @Override
          public String toString(ReportFormat f) {
            return f == null ? "" : f.label();
          }

          @Override
          public ReportFormat fromString(String s) {
            return ReportFormat.FILE_EXPORTS.stream()
                .filter(f -> f.label().equals(s))
                .findFirst()
                .orElse(null);
          }
        };
    box.setConverter(labels);
    box.setCellFactory(Cells.listText(ReportFormat::label, null));
    return box;
  }

  /**
   * Asks where to write an export of {@code format}, offering {@code baseName.<extension>}.
   *
   * @param owner a node of the window the dialog belongs to
   * @return the chosen file, or empty when the user cancelled
   */
  public static Optional<Path> choose(
      Node owner, ReportFormat format, String baseName, String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser.setInitialFileName(baseName + "." + format.extension());
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(format.label(), "*." + format.extension()));
    File file = chooser.showSaveDialog(owner.getScene().getWindow());
    return Optional.ofNullable(file).map(File::toPath);
  }
}
