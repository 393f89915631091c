package io.evalstation.app.ui.imports;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.importer.ImportOptions;
import javafx.scene.Node;

/**
 * The Import / Export page (Ctrl+9). Opened from an analysis page, its export starts from what that
 * page showed ("Export current view").
 */
public final class ImportPage extends AbstractPage {
  public static final String ID = "import";

  private final ImportViewModel importer;
  private final ExportViewModel exporter;

  public ImportPage(AppContext app, Shell shell) {
    super(ID, "Import / Export", "Shortcut+9");
    this.importer = new ImportViewModel(app.importer(ImportOptions.defaults()), shell.tasks());
    this.exporter =
        new ExportViewModel(app.analytics(), app.sessions(), app.exports(), shell.tasks());
  }

  @Override
  public Node content() {
    return new ImportView(importer, exporter).root();
  }

  @Override
  public void onShow(Page previous) {
    exporter.refresh();
    if (previous != null) {
      exporter.preselectFor(previous.id(), previous.shownMetric());
    }
  }
}
