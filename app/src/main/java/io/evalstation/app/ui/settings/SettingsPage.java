package io.evalstation.app.ui.settings;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.db.ConnectionProbe;
import io.evalstation.persistence.db.PgPass;
import javafx.scene.Node;

/** The Settings page (Ctrl+,): theme, database, clusters, job templates and presets. */
public final class SettingsPage extends AbstractPage {
  public static final String ID = "settings";

  private final SettingsViewModel viewModel;

  public SettingsPage(AppContext app, Shell shell) {
    super(ID, "Settings", "Shortcut+Comma");
    this.viewModel =
        new SettingsViewModel(
            shell.preferences(),
            new ConnectionProbe(PgPass.forCurrentUser()),
            () -> ConnectionProbe.check(app.database()),
            app.clusterService(),
            app.jobTemplates(),
            shell.tasks());
  }

  @Override
  public Node content() {
    return new SettingsView(viewModel).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }
}
