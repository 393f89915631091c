package io.evalstation.app.ui.launch;

import io.evalstation.app.AppContext;
import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.ui.data.ViewQueries;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.analytics.DurationEstimate;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.template.Preset;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;

/** The Launch page (Ctrl+4): a grid of evaluations, previewed and submitted. */
public final class LaunchPage extends AbstractPage {
  public static final String ID = "launch";

  private final LaunchViewModel viewModel;

  public LaunchPage(AppContext app, Shell shell) {
    super(ID, "Launch", "Shortcut+4");
    ViewQueries queries = new ViewQueries(app.database().dsl());
    this.viewModel =
        new LaunchViewModel(
            new LaunchViewModel.Backend() {
              @Override
              public List<String> clusters() {
                return app.clusterProfiles().list().stream().map(ClusterProfile::name).toList();
              }

              @Override
              public List<String> presets() {
                return Preset.BUILT_IN.stream().map(Preset::name).toList();
              }

              @Override
              public List<String> models() {
                return queries.models().stream().map(ModelInfo::name).toList();
              }

              @Override
              public List<String> datasets() {
                return queries.datasets().stream().map(DatasetInfo::name).toList();
              }

              @Override
              public Optional<Duration> estimate(
                  String model, String dataset, String preset, Integer samples) {
                return app.analytics()
                    .estimateDuration(model, dataset, preset, samples)
                    .map(DurationEstimate::estimate);
              }

              @Override
              public List<JobScripts.RenderedJob> preview(LaunchService.LaunchRequest r) {
                return app.launchService().dryRun(r);
              }

              @Override
              public LaunchService.LaunchResult launch(LaunchService.LaunchRequest r) {
                LaunchService.LaunchResult result = app.launchService().launch(r);
                // Follow the new jobs at once (a no-op when already monitored).
                app.monitor(r.cluster());
                return result;
              }
            },
            shell.tasks());
  }

  @Override
  public Node content() {
    return new LaunchView(viewModel).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }
}
