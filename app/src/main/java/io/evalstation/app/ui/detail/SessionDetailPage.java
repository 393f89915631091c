package io.evalstation.app.ui.detail;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/**
 * The Session detail page (Ctrl+3): one session's tasks, log, performance and provenance, live; it
 * answers {@link Navigation.OpenSession} from the other pages.
 */
public final class SessionDetailPage {
  private static final String ID = "session";

  private SessionDetailPage() {}

  /** The page, its ViewModel on the app's services (cancel and resubmit included). */
  public static Page create(AppContext app, Shell shell) {
    SessionDetailViewModel vm =
        new SessionDetailViewModel(
            app.sessions(),
            app.tasks(),
            app.keyResults(),
            app.performance(),
            app.controlService(),
            shell.tasks());
    Navigation navigation = shell.navigation();
    navigation.handle(
        Navigation.OpenSession.class,
        request -> {
          vm.open(request.sessionId());
          navigation.show(ID);
        });
    return Page.of(
            ID,
            "Session detail",
            "Shortcut+3",
            () -> new SessionDetailView(vm, shell.preferences()).root())
        .live(vm::refresh);
  }
}
