package io.evalstation.app.ui.leaderboard;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.analytics.MetricSelector;
import java.time.Clock;
import javafx.scene.Node;

/** The Leaderboard page (Ctrl+5): models ranked by a metric under filters; exports it. */
public final class LeaderboardPage extends AbstractPage {
  public static final String ID = "leaderboard";

  private final LeaderboardViewModel viewModel;

  public LeaderboardPage(AppContext app, Shell shell) {
    super(ID, "Leaderboard", "Shortcut+5");
    this.viewModel =
        new LeaderboardViewModel(
            app.analytics(), shell.tasks(), Clock.systemUTC(), app.exports()::writeLeaderboard);
  }

  @Override
  public Node content() {
    return new LeaderboardView(viewModel).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }

  @Override
  public void onDataChanged() {
    viewModel.refresh();
  }

  @Override
  public MetricSelector shownMetric() {
    return viewModel.metricProperty().get();
  }
}
