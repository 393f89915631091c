package io.evalstation.app.service;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.repo.MonitorStateRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a finished job's outputs home: copies the task's output directory over SFTP into {@code
 * <result cache>/<session id>/<task id>/}, hands it to the importer, and completes the task in the
 * transaction that stored its results. Missing or unreadable outputs fail the task with {@link
 * FailureCause#MISSING_OUTPUT} and the reason; a cluster that cannot be reached leaves the task as
 * it is, for the next poll to try again.
 */
public final class ResultCollector {
  private static final Logger LOG = LoggerFactory.getLogger(ResultCollector.class);

  private final TaskRepository tasks;
  private final TaskLifecycleRepository lifecycle;
  private final MonitorStateRepository monitorStates;
  private final JobScripts scripts;
  private final ResultImporter importer;
  private final Path resultCache;

  public ResultCollector(
      TaskRepository tasks,
      TaskLifecycleRepository lifecycle,
      MonitorStateRepository monitorStates,
      JobScripts scripts,
      ResultImporter importer,
      Path resultCache) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.monitorStates = Objects.requireNonNull(monitorStates, "monitorStates");
    this.scripts = Objects.requireNonNull(scripts, "scripts");
    this.importer = Objects.requireNonNull(importer, "importer");
    this.resultCache = Objects.requireNonNull(resultCache, "resultCache");
  }

  /** Where a task's outputs are cached locally. */
  public Path localDir(EvaluationTask task) {
    return resultCache.resolve(Long.toString(task.sessionId())).resolve(Long.toString(task.id()));
  }

  /**
   * Collects a task whose job completed.
   *
   * @param start the job's start as SLURM says, may be null
   * @param end the job's end as SLURM says, may be null
   * @return the task after collection (completed or failed)
   * @throws RuntimeException when the cluster could not be reached (nothing changed)
   */
  public EvaluationTask collect(
      ClusterAccess access, EvaluationTask task, Instant start, Instant end) {
    if (task.status().isFinal()) {
      return task;
    }
    MonitorStateRepository.MonitorState state =
        monitorStates
            .monitorState(task.id())
            .orElseThrow(
                () -> new IllegalStateException("task " + task.id() + " has no remote directory"));
    String remoteOut = scripts.files(state.remoteDir()).outputDir();
    Path local = localDir(task);
    deleteTree(local);
    boolean found = access.download(remoteOut, local);
    if (!found) {
      return fail(task, "the job's output directory " + remoteOut + " does not exist", end);
    }
    try {
      importer.loadAndComplete(task.id(), task.version(), local, start, end);
    } catch (io.evalstation.persistence.db.OptimisticLockException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("outputs of task {} could not be imported: {}", task.id(), e.getMessage());
      return fail(task, "outputs unreadable: " + e.getMessage(), end);
    }
    EvaluationTask done = tasks.find(task.id()).orElseThrow();
    LOG.info("task {} completed; results from {}", task.id(), local);
    return done;
  }

  private EvaluationTask fail(EvaluationTask task, String reason, Instant end) {
    EvaluationTask now = tasks.find(task.id()).orElseThrow();
    if (now.status() == TaskStatus.FAILED || now.status().isFinal()) {
      return now;
    }
    return lifecycle.markFailed(
        now.id(), now.version(), FailureCause.MISSING_OUTPUT, 0, reason, end);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
