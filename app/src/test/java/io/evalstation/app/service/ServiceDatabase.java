package io.evalstation.app.service;

import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.repo.MonitorStateRepository;
import io.evalstation.persistence.repo.SessionRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import java.nio.file.Path;

/** A real embedded PostgreSQL with the repositories the workflows take, for service tests. */
record ServiceDatabase(
    Database db,
    TaskRepository tasks,
    TaskLifecycleRepository lifecycle,
    MonitorStateRepository monitorStates,
    SessionRepository sessions)
    implements AutoCloseable {

  /** A fresh, migrated database under {@code dir}. */
  static ServiceDatabase open(Path dir) {
    AppDirectories dirs = new AppDirectories(dir.resolve("config"), dir.resolve("data"));
    Database db = Database.open(DatabaseSettings.embedded(dirs), Database.PasswordPrompt.none());
    return new ServiceDatabase(
        db,
        new TaskRepository(db),
        new TaskLifecycleRepository(db),
        new MonitorStateRepository(db),
        new SessionRepository(db));
  }

  @Override
  public void close() {
    db.close();
  }
}
