package io.evalstation.app.ui.imports;

import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.app.ui.task.WorkProgress;
import io.evalstation.persistence.importer.ImportListener;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.ImportProgress;
import io.evalstation.persistence.importer.ImportReport;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.importer.UnitReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Import: paths dropped or chosen, imported in the background with progress (files, bytes,
 * predictions per second, time left), a per-file result table and cancel.
 */
public final class ImportViewModel {
  private final Importer importer;
  private final TaskExecutor tasks;
  private final ObservableList<Path> paths = FXCollections.observableArrayList();
  private final ObservableList<UnitReport> results = FXCollections.observableArrayList();
  private final WorkProgress work = new WorkProgress();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private AtomicBoolean cancel = new AtomicBoolean();

  public ImportViewModel(Importer importer, TaskExecutor tasks) {
    this.importer = importer;
    this.tasks = tasks;
  }

  /** Adds dropped or chosen files and folders (once each). */
  public void add(List<Path> more) {
    for (Path p : more) {
      Path abs = p.toAbsolutePath().normalize();
      if (!paths.contains(abs)) {
        paths.add(abs);
      }
    }
  }

  /** Forgets the chosen paths and the last results. */
  public void clear() {
    if (!work.isRunning()) {
      paths.clear();
      results.clear();
      summary.set("");
      work.reset();
    }
  }

  /** Imports the chosen paths in the background. */
  public void start() {
    if (work.isRunning() || paths.isEmpty()) {
      return;
    }
    List<Path> chosen = List.copyOf(paths);
    AtomicBoolean flag = new AtomicBoolean();
    cancel = flag;
    results.clear();
    summary.set("");
    work.start(
        "Starting…",
        BackgroundTask.of(
                "Importing " + chosen.size() + (chosen.size() == 1 ? " path" : " paths"),
                p ->
                    importer.importPaths(
                        chosen,
                        new ImportListener() {
                          @Override
                          public void progress(ImportProgress ip) {
                            if (p.isCancelled()) {
                              flag.set(true);
                            }
                            p.update(ip.bytesDone(), Math.max(1, ip.bytesTotal()), describe(ip));
                          }
                        },
                        flag))
            .onSuccess(this::finished)
            .onFailure(e -> work.ended(0, "Import failed: " + e.getMessage()))
            .onCancelled(() -> work.ended(0, "Import cancelled: nothing half-written was kept.")),
        tasks);
  }

  /** One line of progress: "3 / 12 files · 41 MB of 120 MB · 5,200 predictions/s · 20 s left". */
  static String describe(ImportProgress p) {
    return String.format(
        Locale.ROOT,
        "%d / %d files · %s of %s · %,.0f predictions/s%s",
        p.filesDone(),
        p.filesTotal(),
        bytes(p.bytesDone()),
        bytes(p.bytesTotal()),
        p.predictionsPerSecond(),
        p.eta() == null ? "" : " · " + Durations.format(p.eta()) + " left");
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", n / 1048576.0);
    }
    return String.format(Locale.ROOT, "%.2f GB", n / 1073741824.0);
  }

  private void finished(ImportReport report) {
    results.setAll(report.units());
    StringBuilder b = new StringBuilder();
    for (ImportOutcome o : ImportOutcome.values()) {
      long n = report.count(o);
      if (n > 0) {
        b.append(b.length() == 0 ? "" : " · ").append(n).append(' ').append(o.label());
      }
    }
    b.append(String.format(Locale.ROOT, " · %,d predictions", report.predictions()));
    summary.set(b.toString());
    work.ended(
        report.cancelled() ? 0 : 1, report.cancelled() ? "Import cancelled" : "Import finished");
  }

  /** Asks the running import to stop; units not yet stored are left out whole. */
  public void cancel() {
    cancel.set(true);
    work.cancel();
  }

  public ObservableList<Path> paths() {
    return paths;
  }

  public ObservableList<UnitReport> results() {
    return results;
  }

  /** The import running or how the last one ended. */
  public WorkProgress work() {
    return work;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }
}
