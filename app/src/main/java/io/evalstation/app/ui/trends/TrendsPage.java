package io.evalstation.app.ui.trends;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/** The Trends page (Ctrl+6): activity and a metric per hour, day or week, live. */
public final class TrendsPage {
  private TrendsPage() {}

  /** The page, on the app's analytics. */
  public static Page create(AppContext app, Shell shell) {
    TrendsViewModel vm = new TrendsViewModel(app.analytics(), shell.tasks());
    return Page.of("trends", "Trends", "Shortcut+6", () -> new TrendsView(vm).root())
        .live(vm::refresh)
        .showing(vm.metricProperty()::get);
  }
}
