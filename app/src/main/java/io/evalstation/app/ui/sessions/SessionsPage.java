package io.evalstation.app.ui.sessions;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import javafx.scene.Node;

/** The Sessions page (Ctrl+2): every session; a row opens it. */
public final class SessionsPage extends AbstractPage {
  public static final String ID = "sessions";

  private final SessionsViewModel viewModel;
  private final Navigation navigation;

  public SessionsPage(AppContext app, Shell shell) {
    super(ID, "Sessions", "Shortcut+2");
    this.navigation = shell.navigation();
    this.viewModel = new SessionsViewModel(app.sessions(), shell.tasks());
  }

  @Override
  public Node content() {
    return new SessionsView(viewModel, id -> navigation.open(new Navigation.OpenSession(id)))
        .root();
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
