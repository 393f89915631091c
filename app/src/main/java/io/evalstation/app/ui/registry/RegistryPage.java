package io.evalstation.app.ui.registry;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/** The Models and datasets page (Ctrl+0): the registries, edited in place. */
public final class RegistryPage {
  private RegistryPage() {}

  /** The page, on the app's registry. */
  public static Page create(AppContext app, Shell shell) {
    RegistryViewModel vm = new RegistryViewModel(app.registry(), shell.tasks());
    return Page.of("models", "Models and datasets", "Shortcut+0", () -> new RegistryView(vm).root())
        .refreshedOnShow(vm::refresh);
  }
}
