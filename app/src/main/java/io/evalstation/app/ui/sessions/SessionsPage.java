package io.evalstation.app.ui.sessions;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Navigation.OpenSession;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/** The Sessions page (Ctrl+2): every session, live; a row opens it. */
public final class SessionsPage {
  private SessionsPage() {}

  /** The page, its ViewModel on the app's sessions. */
  public static Page create(AppContext app, Shell shell) {
    SessionsViewModel vm = new SessionsViewModel(app.sessions(), shell.tasks());
    return Page.of(
            "sessions",
            "Sessions",
            "Shortcut+2",
            () -> new SessionsView(vm, id -> shell.navigation().open(new OpenSession(id))).root())
        .live(vm::refresh);
  }
}
