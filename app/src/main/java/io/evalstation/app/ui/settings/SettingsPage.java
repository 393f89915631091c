package io.evalstation.app.ui.settings;

import io.evalstation.app.AppContext;
import io.evalstation.app.ui.shell.AbstractPage;
import io.evalstation.app.ui.shell.Page;
import io.evalstation.app.ui.shell.Shell;
import io.evalstation.persistence.db.PgPass;
import io.evalstation.slurm.template.Preset;
import java.util.List;
import javafx.scene.Node;

/** The Settings page (Ctrl+,): theme, database, clusters, job templates and presets. */
public final class SettingsPage extends AbstractPage {
  public static final String ID = "settings";

  private final SettingsViewModel viewModel;

  public SettingsPage(AppContext app, Shell shell) {
    super(ID, "Settings", "Shortcut+Comma");
    this.viewModel =
        new SettingsViewModel(
            shell.preferences(),
            shell.tasks(),
            new ConnectionProbe(PgPass.forCurrentUser()),
            () -> {
              app.database().dsl().selectOne().fetch();
              return "Connected: " + app.database().describe();
            });
    viewModel.templateEditor().setStore(TemplateEditorViewModel.Store.of(app.jobTemplates()));
    viewModel.setClusterAdder(profile -> app.clusterService().add(profile, true));
    viewModel.setCatalog(
        new SettingsViewModel.Catalog() {
          @Override
          public List<String> clusters() {
            return app.clusterProfiles().list().stream()
                .map(
                    p ->
                        p.name()
                            + " — "
                            + (p.user() == null ? "" : p.user() + "@")
                            + p.host()
                            + ":"
                            + p.port()
                            + (p.partition() == null ? "" : ", partition " + p.partition()))
                .toList();
          }

          @Override
          public List<String> templates() {
            return app.jobTemplates().names();
          }

          @Override
          public List<String> presets() {
            return Preset.BUILT_IN.stream().map(Preset::name).toList();
          }
        });
  }

  @Override
  public Node content() {
    return new SettingsView(viewModel).root();
  }

  @Override
  public void onShow(Page previous) {
    viewModel.refresh();
  }
}
