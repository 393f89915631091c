package io.evalstation.app.ui.imports;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.importer.ImportOptions;

/**
 * The Import / Export page (Ctrl+9). Opened from an analysis page, its export starts from what that
 * page showed ("Export current view").
 */
public final class ImportPage {
  private ImportPage() {}

  /** The page, on the app's importer, analytics and exports. */
  public static Page create(AppContext app, Shell shell) {
    ImportViewModel importer =
        new ImportViewModel(app.importer(ImportOptions.defaults()), shell.tasks());
    ExportViewModel exporter =
        new ExportViewModel(app.analytics(), app.sessions(), app.exports(), shell.tasks());
    return Page.of(
            "import",
            "Import / Export",
            "Shortcut+9",
            () -> new ImportView(importer, exporter).root())
        .onShow(
            previous -> {
              exporter.refresh();
              if (previous != null) {
                exporter.preselectFor(previous.id(), previous.shownMetric());
              }
            });
  }
}
