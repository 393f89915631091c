package io.evalstation.app.ui.settings;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.db.ConnectionProbe;
import io.evalstation.persistence.db.PgPass;

/** The Settings page (Ctrl+,): theme, database, clusters, job templates and presets. */
public final class SettingsPage {
  private SettingsPage() {}

  /** The page; a database URL is tried with the user's ~/.pgpass, never a typed password. */
  public static Page create(AppContext app, Shell shell) {
    SettingsViewModel vm =
        new SettingsViewModel(
            shell.preferences(),
            new ConnectionProbe(PgPass.forCurrentUser()),
            () -> ConnectionProbe.check(app.database()),
            app.clusterService(),
            app.jobTemplates(),
            shell.tasks());
    return Page.of("settings", "Settings", "Shortcut+Comma", () -> new SettingsView(vm).root())
        .refreshedOnShow(vm::refresh);
  }
}
