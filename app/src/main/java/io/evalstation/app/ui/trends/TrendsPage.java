package io.evalstation.app.ui.trends;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.analytics.MetricSelector;
import javafx.scene.Node;

/** The Trends page (Ctrl+6): activity and a metric per hour, day or week. */
public final class TrendsPage extends AbstractPage {
  public static final String ID = "trends";

  private final TrendsViewModel viewModel;

  public TrendsPage(AppContext app, Shell shell) {
    super(ID, "Trends", "Shortcut+6");
    this.viewModel = new TrendsViewModel(app.analytics(), shell.tasks());
  }

  @Override
  public Node content() {
    return new TrendsView(viewModel).root();
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
