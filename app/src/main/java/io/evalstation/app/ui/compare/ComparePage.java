package io.evalstation.app.ui.compare;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.analytics.MetricSelector;
import javafx.scene.Node;

/** The Compare page (Ctrl+7): the heat map and a paired comparison; leads to Predictions. */
public final class ComparePage extends AbstractPage {
  public static final String ID = "compare";

  private final CompareViewModel viewModel;

  public ComparePage(AppContext app, Shell shell) {
    super(ID, "Compare", "Shortcut+7");
    this.viewModel = new CompareViewModel(app.analytics(), shell.tasks());
    Navigation navigation = shell.navigation();
    viewModel.setOnOpenPredictions(
        (a, b) -> navigation.open(new Navigation.ComparePredictions(a, b)));
  }

  @Override
  public Node content() {
    return new CompareView(viewModel).root();
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
