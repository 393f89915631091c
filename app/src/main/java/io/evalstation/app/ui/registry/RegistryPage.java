package io.evalstation.app.ui.registry;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import javafx.scene.Node;

/** The Models and datasets page (Ctrl+0): the registries, edited in place. */
public final class RegistryPage extends AbstractPage {
  public static final String ID = "models";

  private final RegistryViewModel viewModel;

  public RegistryPage(AppContext app, Shell shell) {
    super(ID, "Models and datasets", "Shortcut+0");
    this.viewModel = new RegistryViewModel(app.registry(), shell.tasks());
  }

  @Override
  public Node content() {
    return new RegistryView(viewModel).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }
}
