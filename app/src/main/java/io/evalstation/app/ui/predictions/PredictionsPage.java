package io.evalstation.app.ui.predictions;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.Navigation;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;

/**
 * The Predictions page (Ctrl+8): two runs side by side per sample; it answers {@link
 * Navigation.ComparePredictions} from Compare.
 */
public final class PredictionsPage {
  private static final String ID = "predictions";

  private PredictionsPage() {}

  /** The page, on the app's analytics. */
  public static Page create(AppContext app, Shell shell) {
    PredictionsViewModel vm = new PredictionsViewModel(app.analytics(), shell.tasks());
    Navigation navigation = shell.navigation();
    navigation.handle(
        Navigation.ComparePredictions.class,
        request -> {
          navigation.show(ID);
          vm.show(request.a(), request.b());
        });
    return Page.of(ID, "Predictions", "Shortcut+8", () -> new PredictionsView(vm).root())
        .refreshedOnShow(vm::refresh);
  }
}
