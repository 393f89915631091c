package io.evalstation.app.ui.compare;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Navigation.ComparePredictions;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/**
 * The Compare page (Ctrl+7): the heat map and a paired comparison, live; "Show predictions" leads
 * to the Predictions page on the same two runs.
 */
public final class ComparePage {
  private ComparePage() {}

  /** The page, on the app's analytics. */
  public static Page create(AppContext app, Shell shell) {
    CompareViewModel vm = new CompareViewModel(app.analytics(), shell.tasks());
    vm.setOnOpenPredictions((a, b) -> shell.navigation().open(new ComparePredictions(a, b)));
    return Page.of("compare", "Compare", "Shortcut+7", () -> new CompareView(vm).root())
        .live(vm::refresh)
        .showing(vm.metricProperty()::get);
  }
}
