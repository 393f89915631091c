package io.evalstation.app.ui.dashboard;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import javafx.scene.Node;

/** The Dashboard page (Ctrl+1): active sessions first; a card opens its session. */
public final class DashboardPage extends AbstractPage {
  public static final String ID = "dashboard";

  private final DashboardViewModel viewModel;
  private final Navigation navigation;

  public DashboardPage(AppContext app, Shell shell) {
    super(ID, "Dashboard", "Shortcut+1");
    this.navigation = shell.navigation();
    this.viewModel =
        new DashboardViewModel(
            app.sessions(),
            app.keyResults(),
            app.performance(),
            app.clusterService(),
            shell.tasks());
  }

  @Override
  public Node content() {
    return new DashboardView(viewModel, id -> navigation.open(new Navigation.OpenSession(id)))
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
