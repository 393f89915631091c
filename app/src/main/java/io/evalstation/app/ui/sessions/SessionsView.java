package io.evalstation.app.ui.sessions;

import static io.evalstation.app.ui.controls.Cells.column;

import io.evalstation.app.ui.controls.Cells;
import io.evalstation.app.ui.controls.Forms;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.SessionSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The Sessions list: a table of sessions with a helpful empty state. */
public final class SessionsView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final SessionsViewModel viewModel;
  private final BorderPane root = new BorderPane();

  private final java.util.function.LongConsumer openSession;

  public SessionsView(SessionsViewModel viewModel) {
    this(viewModel, id -> {});
  }

  /** A list whose rows open a session on double-click or Enter. */
  public SessionsView(SessionsViewModel viewModel, java.util.function.LongConsumer openSession) {
    this.viewModel = viewModel;
    this.openSession = openSession;
    root.setId("sessions-view");
    root.getStyleClass().add("page");
    Label title = new Label("Sessions");
    title.getStyleClass().add("page-title");
    Label error = Forms.errorLine(viewModel.errorProperty());
    VBox header = new VBox(6, title, error);
    header.setPadding(new Insets(0, 0, 10, 0));
    root.setTop(header);
    root.setCenter(table());
  }

  private Node table() {
    TableView<SessionSummary> table = new TableView<>();
    table.setId("sessions-table");
    table.itemsProperty().bind(viewModel.rowsProperty());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("Session", s -> s.session().key()));
    table.getColumns().add(column("Category", s -> s.session().category()));
    TableColumn<SessionSummary, SessionStatus> status = column("Status", s -> s.session().status());
    status.setCellFactory(Cells.text(SessionStatus::dbValue, "status-", SessionStatus::dbValue));
    table.getColumns().add(status);
    table.getColumns().add(column("Tasks", s -> s.finishedTasks() + " / " + s.totalTasks()));
    table
        .getColumns()
        .add(
            column(
                "Success",
                s ->
                    Double.isNaN(s.successRate())
                        ? "–"
                        : String.format("%.0f%%", 100 * s.successRate())));
    table.getColumns().add(column("Owner", s -> s.session().owner()));
    table
        .getColumns()
        .add(
            column(
                "Started",
                s -> s.session().startTime() == null ? "" : TIME.format(s.session().startTime())));
    Label empty =
        new Label(
            "No sessions yet.\nImport legacy session files or lm-evaluation-harness output"
                + " (evalstation import PATH), or launch a grid on a cluster.");
    empty.setId("sessions-empty");
    empty.getStyleClass().add("empty-state");
    table.setPlaceholder(empty);
    table.setRowFactory(
        tv -> {
          javafx.scene.control.TableRow<SessionSummary> row = new javafx.scene.control.TableRow<>();
          row.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                  openSession.accept(row.getItem().session().id());
                }
              });
          return row;
        });
    table.setOnKeyPressed(
        e -> {
          SessionSummary s = table.getSelectionModel().getSelectedItem();
          if (e.getCode() == javafx.scene.input.KeyCode.ENTER && s != null) {
            openSession.accept(s.session().id());
          }
        });
    return table;
  }

  public Node root() {
    return root;
  }
}
