package io.evalstation.app.ui.detail;

import io.evalstation.app.AppContext;
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
            app.tasks(),
            app.keyResults(),
            app.performance(),
            app.controlService(),
            shell.tasks());
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
