package io.evalstation.app.ui.leaderboard;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import java.time.Clock;

/** The Leaderboard page (Ctrl+5): models ranked by a metric under filters, live; exports it. */
public final class LeaderboardPage {
  private LeaderboardPage() {}

  /** The page, on the app's analytics and exports. */
  public static Page create(AppContext app, Shell shell) {
    var vm =
        new LeaderboardViewModel(
            app.analytics(), shell.tasks(), Clock.systemUTC(), app.exports()::writeLeaderboard);
    return Page.of("leaderboard", "Leaderboard", "Shortcut+5", () -> new LeaderboardView(vm).root())
        .live(vm::refresh)
        .showing(vm.metricProperty()::get);
  }
}
