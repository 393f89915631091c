package io.evalstation.app.ui.launch;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import javafx.scene.Node;

/** The Launch page (Ctrl+4): a grid of evaluations, previewed and submitted. */
public final class LaunchPage extends AbstractPage {
  public static final String ID = "launch";

  private final LaunchViewModel viewModel;

  public LaunchPage(AppContext app, Shell shell) {
    super(ID, "Launch", "Shortcut+4");
    this.viewModel =
        new LaunchViewModel(
            app.launchService(),
            app.clusterService(),
            app.registry(),
            app.analytics().estimates(),
            app::monitor,
            shell.tasks());
  }

  @Override
  public Node content() {
    return new LaunchView(viewModel).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }
}
