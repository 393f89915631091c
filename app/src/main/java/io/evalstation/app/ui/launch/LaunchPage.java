package io.evalstation.app.ui.launch;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/** The Launch page (Ctrl+4): a grid of evaluations, estimated, previewed and submitted. */
public final class LaunchPage {
  private LaunchPage() {}

  /** The page; after a launch, the app's monitor follows the cluster's new jobs. */
  public static Page create(AppContext app, Shell shell) {
    LaunchViewModel vm =
        new LaunchViewModel(
            app.launchService(),
            app.clusterService(),
            app.registry(),
            app.analytics().estimates(),
            app.jobScripts(),
            app::monitor,
            shell.tasks());
    return Page.of("launch", "Launch", "Shortcut+4", () -> new LaunchView(vm).root())
        .refreshedOnShow(vm::refresh);
  }
}
