package io.evalstation.app.ui.dashboard;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Navigation.OpenSession;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/** The Dashboard page (Ctrl+1): active sessions first, live; a card opens its session. */
public final class DashboardPage {
  private DashboardPage() {}

  /** The page, its ViewModel on the app's services. */
  public static Page create(AppContext app, Shell shell) {
    DashboardViewModel vm =
        new DashboardViewModel(
            app.sessions(),
            app.keyResults(),
            app.performance(),
            app.clusterService(),
            shell.tasks());
    return Page.of(
            "dashboard",
            "Dashboard",
            "Shortcut+1",
            () -> new DashboardView(vm, id -> shell.navigation().open(new OpenSession(id))).root())
        .live(vm::refresh);
  }
}
