package io.evalstation.app.ui.settings;

import io.evalstation.app.ui.controls.Forms;
import io.evalstation.app.ui.settings.SettingsViewModel.ClusterField;
import io.evalstation.app.ui.shell.UiPreferences.Theme;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

/** Settings: appearance, database, clusters, templates. */
public final class SettingsView {
  private final SettingsViewModel viewModel;
  private final VBox content = new VBox(18);
  private final ScrollPane root = new ScrollPane(content);

  public SettingsView(SettingsViewModel viewModel) {
    this.viewModel = viewModel;
    root.setId("settings-view");
    root.setFitToWidth(true);
    root.getStyleClass().addAll("page", "settings");
    root.getStylesheets().add(SettingsView.class.getResource("settings.css").toExternalForm());
    Label title = new Label("Settings");
    title.getStyleClass().add("page-title");
    content.getChildren().addAll(title, appearance(), database(), clusters(), templateEditor());
    content.setPadding(new Insets(0, 8, 8, 0));
  }

  private Node appearance() {
    ToggleSwitch dark = new ToggleSwitch("Dark theme");
    dark.setId("theme-switch");
    dark.setSelected(viewModel.themeProperty().get() == Theme.DARK);
    dark.selectedProperty()
        .addListener((o, a, b) -> viewModel.themeProperty().set(b ? Theme.DARK : Theme.LIGHT));
    viewModel.themeProperty().addListener((o, a, b) -> dark.setSelected(b == Theme.DARK));
    return Forms.section(
        "Appearance",
        new VBox(6, dark, muted("Applies at once and is remembered.")),
        "settings-section");
  }

  private Node database() {
    ToggleGroup group = new ToggleGroup();
    RadioButton embedded = new RadioButton("Embedded PostgreSQL on this computer");
    embedded.setId("db-embedded");
    embedded.setToggleGroup(group);
    RadioButton shared = new RadioButton("Shared PostgreSQL server");
    shared.setId("db-shared");
    shared.setToggleGroup(group);
    (viewModel.embeddedProperty().get() ? embedded : shared).setSelected(true);
    group
        .selectedToggleProperty()
        .addListener((o, a, b) -> viewModel.embeddedProperty().set(b == embedded));
    TextField url = new TextField();
    url.setId("db-url");
    url.setPromptText("jdbc:postgresql://host:5432/evalstation");
    url.textProperty().bindBidirectional(viewModel.urlProperty());
    url.disableProperty().bind(viewModel.embeddedProperty());
    Label urlError = new Label();
    urlError.setId("db-url-error");
    urlError.getStyleClass().add("error-text");
    urlError.textProperty().bind(viewModel.urlErrorProperty());
    TextField user = new TextField();
    user.setId("db-user");
    user.setPromptText(System.getProperty("user.name"));
    user.textProperty().bindBidirectional(viewModel.userProperty());
    user.disableProperty().bind(viewModel.embeddedProperty());
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    grid.addRow(0, new Label("URL"), url, urlError);
    grid.addRow(1, new Label("User"), user);
    url.setPrefColumnCount(34);
    Button test = new Button("Test connection");
    test.setId("db-test");
    test.disableProperty().bind(viewModel.testingProperty());
    test.setOnAction(e -> viewModel.testConnection());
    Button save = new Button("Save");
    save.setId("db-save");
    save.setDefaultButton(false);
    save.setOnAction(e -> viewModel.save());
    Label result = new Label();
    result.setId("db-test-result");
    result.textProperty().bind(viewModel.testResultProperty());
    viewModel
        .testOkProperty()
        .addListener(
            (o, a, ok) -> {
              result.getStyleClass().removeAll("ok-text", "error-text");
              result.getStyleClass().add(ok ? "ok-text" : "error-text");
            });
    Label saved = new Label();
    saved.setId("db-saved");
    saved.getStyleClass().add("muted");
    saved.textProperty().bind(viewModel.savedProperty());
    HBox buttons = new HBox(8, test, save, result);
    buttons.setAlignment(Pos.CENTER_LEFT);
    return Forms.section(
        "Database",
        new VBox(
            8,
            embedded,
            shared,
            grid,
            muted("Passwords are never stored here: put them in ~/.pgpass."),
            buttons,
            saved),
        "settings-section");
  }

  private Node clusters() {
    javafx.scene.control.ListView<String> list =
        new javafx.scene.control.ListView<>(viewModel.clusters());
    list.setId("clusters-list");
    list.setPrefHeight(110);
    Label none =
        new Label("No cluster profiles yet: add one below or with `evalstation cluster add`.");
    none.setWrapText(true);
    none.getStyleClass().add("empty-state");
    list.setPlaceholder(none);
    Label templates = new Label();
    templates.setId("templates-presets");
    templates.getStyleClass().add("muted");
    templates.textProperty().bind(viewModel.templatesProperty());
    return Forms.section(
        "Clusters, job templates and presets",
        new VBox(8, list, addClusterForm(), templates),
        "settings-section");
  }

  private Node addClusterForm() {
    GridPane grid = new GridPane();
    grid.setId("cluster-form");
    grid.setHgap(10);
    grid.setVgap(6);
    int row = 0;
    row = formRow(grid, row, "Name", ClusterField.NAME, "hpc-a");
    row = formRow(grid, row, "Host", ClusterField.HOST, "login.cluster.example.org");
    row =
        formRow(
            grid, row, "or ssh config alias", ClusterField.ALIAS, "Host alias in ~/.ssh/config");
    row = formRow(grid, row, "Port", ClusterField.PORT, "22");
    row = formRow(grid, row, "User", ClusterField.USER, System.getProperty("user.name"));
    row = formRow(grid, row, "Identity file", ClusterField.IDENTITY, "~/.ssh/id_ed25519");
    row = formRow(grid, row, "Partition", ClusterField.PARTITION, "gpu");
    row = formRow(grid, row, "Account", ClusterField.ACCOUNT, "default account");
    row = formRow(grid, row, "QOS", ClusterField.QOS, "default QOS");
    row = formRow(grid, row, "Remote work dir", ClusterField.REMOTE_DIR, "evalstation");
    formRow(grid, row, "known_hosts file", ClusterField.KNOWN_HOSTS, "~/.ssh/known_hosts");
    Button add = new Button("Add and connect");
    add.setId("cluster-add");
    add.disableProperty().bind(viewModel.addingProperty());
    add.setOnAction(e -> viewModel.addCluster());
    Label result = new Label();
    result.setId("cluster-add-result");
    result.setWrapText(true);
    result.setMaxWidth(620);
    result.getStyleClass().add("error-text");
    result.textProperty().bind(viewModel.addResultProperty());
    viewModel
        .addOkProperty()
        .addListener(
            (o, a, ok) -> {
              result.getStyleClass().removeAll("ok-text", "error-text");
              result.getStyleClass().add(ok ? "ok-text" : "error-text");
            });
    HBox buttons = new HBox(8, add, result);
    buttons.setAlignment(Pos.CENTER_LEFT);
    Label title = new Label("Add a cluster");
    title.getStyleClass().add("subsection-title");
    return new VBox(
        6,
        title,
        grid,
        muted(
            "Keys or ssh-agent only, never passwords. On first connect the host key's"
                + " fingerprint is shown to confirm."),
        buttons);
  }

  private Node templateEditor() {
    TemplateEditorViewModel vm = viewModel.templateEditor();
    javafx.scene.control.ListView<TemplateEditorViewModel.Entry> list =
        new javafx.scene.control.ListView<>(vm.templates());
    list.setId("templates-list");
    list.setPrefHeight(90);
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> vm.open(b == null ? null : b.name()));
    javafx.scene.control.TextArea text = new javafx.scene.control.TextArea();
    text.setId("template-text");
    text.getStyleClass().add("monospace");
    text.setPrefRowCount(14);
    text.textProperty().bindBidirectional(vm.textProperty());
    text.disableProperty().bind(vm.openedProperty().isEmpty());
    Button save = new Button("Save as user copy");
    save.setId("template-save");
    save.disableProperty().bind(vm.openedProperty().isEmpty());
    save.setOnAction(e -> vm.saveUserCopy());
    Label status = new Label();
    status.setId("template-status");
    status.setWrapText(true);
    status.textProperty().bind(vm.statusProperty());
    vm.statusOkProperty()
        .addListener(
            (o, a, ok) -> {
              status.getStyleClass().removeAll("ok-text", "error-text");
              status.getStyleClass().add(ok ? "muted" : "error-text");
            });
    HBox buttons = new HBox(8, save, status);
    buttons.setAlignment(Pos.CENTER_LEFT);
    javafx.scene.control.ListView<String> presets =
        new javafx.scene.control.ListView<>(vm.presets());
    presets.setId("presets-list");
    presets.setPrefHeight(84);
    Label presetsTitle = new Label("Presets");
    presetsTitle.getStyleClass().add("subsection-title");
    return Forms.section(
        "Job templates",
        new VBox(
            8,
            list,
            text,
            buttons,
            muted("Placeholders {{SBATCH}} and {{VARIABLES}} must stay on lines of their own."),
            presetsTitle,
            presets),
        "settings-section");
  }

  private int formRow(GridPane grid, int row, String label, ClusterField field, String prompt) {
    TextField text = new TextField();
    String id = "cluster-" + field.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    text.setId(id);
    text.setPromptText(prompt);
    text.setPrefColumnCount(24);
    text.textProperty().bindBidirectional(viewModel.clusterField(field));
    Label error = new Label();
    error.setId(id + "-error");
    error.getStyleClass().add("error-text");
    error.setWrapText(true);
    error.setMaxWidth(420);
    error.textProperty().bind(viewModel.clusterError(field));
    grid.addRow(row, new Label(label), text, error);
    return row + 1;
  }

  private static Label muted(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("muted");
    return l;
  }

  public Node root() {
    return root;
  }
}
