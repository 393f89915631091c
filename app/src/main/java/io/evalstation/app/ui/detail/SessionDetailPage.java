package io.evalstation.app.ui.detail;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.data.ViewQueries;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.app.ui.shell.UiPreferences;
import javafx.scene.Node;

/** The Session detail page (Ctrl+3): answers {@link Navigation.OpenSession} from other pages. */
public final class SessionDetailPage extends AbstractPage {
  public static final String ID = "session";

  private final SessionDetailViewModel viewModel;
  private final UiPreferences preferences;

  public SessionDetailPage(AppContext app, Shell shell) {
    super(ID, "Session detail", "Shortcut+3");
    this.preferences = shell.preferences();
    this.viewModel =
        new SessionDetailViewModel(
            app.sessions(),
            new ViewQueries(app.database().dsl()),
            shell.tasks(),
            new SessionDetailViewModel.SessionControl() {
              // Asked per use: the control service opens cluster connections lazily.
              @Override
              public void cancelSession(long sessionId) {
                app.controlService().cancelSession(sessionId, System.getProperty("user.name"));
              }

              @Override
              public void resubmitFailed(long sessionId) {
                app.controlService().resubmitFailed(sessionId);
              }
            },
            taskId -> app.tasks().logSince(taskId, 0).text());
    Navigation navigation = shell.navigation();
    navigation.handle(
        Navigation.OpenSession.class,
        request -> {
          viewModel.open(request.sessionId());
          navigation.show(ID);
        });
  }

  @Override
  public Node content() {
    return new SessionDetailView(viewModel, preferences).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }

  @Override
  public void onDataChanged() {
    viewModel.refresh();
  }
}
