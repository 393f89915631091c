package io.evalstation.app.ui.sessions;

import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.repo.SessionRepository;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

/** The Sessions list: every session with its task counts, newest first. */
public final class SessionsViewModel {
  private final SessionRepository sessions;
  private final TaskExecutor tasks;
  private final ReadOnlyListWrapper<SessionSummary> rows =
      new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

  public SessionsViewModel(SessionRepository sessions, TaskExecutor tasks) {
    this.sessions = sessions;
    this.tasks = tasks;
  }

  /** Re-reads the sessions from the database in the background. */
  public void refresh() {
    loading.set(true);
    BackgroundTask.of("Loading sessions", p -> sessions.listSummaries())
        .onSuccess(this::show)
        .onFailure(
            e -> {
              loading.set(false);
              error.set("Cannot read sessions: " + e.getMessage());
            })
        .executeWith(tasks);
  }

  private void show(List<SessionSummary> list) {
    if (!rows.equals(list)) {
      rows.setAll(list);
    }
    error.set(null);
    loading.set(false);
  }

  public ReadOnlyListProperty<SessionSummary> rowsProperty() {
    return rows.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
