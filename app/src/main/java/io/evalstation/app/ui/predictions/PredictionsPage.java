package io.evalstation.app.ui.predictions;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import javafx.scene.Node;

/** The Predictions page (Ctrl+8): answers {@link Navigation.ComparePredictions} from Compare. */
public final class PredictionsPage extends AbstractPage {
  public static final String ID = "predictions";

  private final PredictionsViewModel viewModel;

  public PredictionsPage(AppContext app, Shell shell) {
    super(ID, "Predictions", "Shortcut+8");
    this.viewModel = new PredictionsViewModel(app.analytics(), shell.tasks());
    Navigation navigation = shell.navigation();
    navigation.handle(
        Navigation.ComparePredictions.class,
        request -> {
          navigation.show(ID);
          viewModel.show(request.a(), request.b());
        });
  }

  @Override
  public Node content() {
    return new PredictionsView(viewModel).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }
}
