package io.evalstation.app.service;

import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.FailureCause;
import io.evalstation.model.Names;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.model.TaskStatus;
import io.evalstation.persistence.analytics.DurationEstimate;
import io.evalstation.persistence.analytics.EstimateRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches a grid of evaluations: stores the session and its tasks as pending (one transaction),
 * renders a script per task, uploads it, submits it with {@code sbatch --parsable} and moves the
 * task to queued with its job id. A job whose database write fails is cancelled again, so that no
 * job runs that the database does not know.
 */
public final class LaunchService {
  private static final Logger LOG = LoggerFactory.getLogger(LaunchService.class);
  private static final DateTimeFormatter KEY =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  private final TaskRepository tasks;
  private final TaskLifecycleRepository lifecycle;
  private final ClusterDirectory clusters;
  private final JobScripts scripts;
  private final Clock clock;

  public LaunchService(
      TaskRepository tasks,
      TaskLifecycleRepository lifecycle,
      ClusterDirectory clusters,
      JobScripts scripts,
      Clock clock) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.clusters = clusters;
    this.scripts = Objects.requireNonNull(scripts, "scripts");
    this.clock = clock == null ? Clock.systemUTC() : clock;
  }

  /**
   * A launch grid: every model on every dataset with one preset and sample limit.
   *
   * @param cluster the cluster profile, or null for a dry run with default settings
   * @param models model names (safe names)
   * @param datasets dataset names (safe names)
   * @param preset the preset
   * @param sampleLimit samples per task, null for all
   * @param priority the tasks' priority
   * @param category the session's category, may be null
   * @param sessionKey the session's key, or null for a timestamp
   */
  public record LaunchRequest(
      String cluster,
      List<String> models,
      List<String> datasets,
      String preset,
      Integer sampleLimit,
      Priority priority,
      String category,
      String sessionKey) {
    public LaunchRequest {
      if (cluster != null) {
        Names.requireName("cluster", cluster);
      }
      models = distinct("models", models);
      datasets = distinct("datasets", datasets);
      Names.requireName("preset", preset);
      priority = priority == null ? Priority.NORMAL : priority;
      if (category != null) {
        Names.requireName("category", category);
      }
      if (sessionKey != null) {
        Names.requireName("session key", sessionKey);
      }
    }

    /** The grid, models outer, datasets inner. */
    public List<TaskSpec> grid() {
      List<TaskSpec> out = new ArrayList<>();
      for (String m : models) {
        for (String d : datasets) {
          out.add(new TaskSpec(m, d, preset, sampleLimit, priority));
        }
      }
      return out;
    }

    private static List<String> distinct(String field, List<String> names) {
      if (names == null || names.isEmpty()) {
        throw new IllegalArgumentException(field + ": at least one is needed");
      }
      LinkedHashSet<String> out = new LinkedHashSet<>();
      for (String n : names) {
        out.add(Names.requireName(field.substring(0, field.length() - 1), n.trim()));
      }
      return List.copyOf(out);
    }
  }

  /**
   * What a launch did.
   *
   * @param session the session
   * @param tasks its tasks after submission
   * @param failures one line per task that could not be submitted
   */
  public record LaunchResult(
      EvaluationSession session, List<EvaluationTask> tasks, List<String> failures) {
    public LaunchResult {
      tasks = List.copyOf(tasks);
      failures = List.copyOf(failures);
    }
  }

  /**
   * The scripts a launch would submit, without touching the database or any cluster; works before a
   * cluster is configured when {@code request.cluster()} is null.
   */
  public List<JobScripts.RenderedJob> dryRun(LaunchRequest request) {
    return dryRun(scripts, request, clock);
  }

  /**
   * The scripts a launch would submit, with nothing but the scripts: no database, no cluster (the
   * command line's {@code submit --dry-run}).
   */
  public static List<JobScripts.RenderedJob> dryRun(
      JobScripts scripts, LaunchRequest request, Clock clock) {
    String key =
        request.sessionKey() == null
            ? KEY.format((clock == null ? Clock.systemUTC() : clock).instant())
            : request.sessionKey();
    List<JobScripts.RenderedJob> out = new ArrayList<>();
    int i = 0;
    for (TaskSpec spec : request.grid()) {
      out.add(scripts.render(request.cluster(), key, i++, spec));
    }
    return out;
  }

  /**
   * What a grid should cost, from history: one query for the whole grid, GPU-hours counting the
   * preset's GPUs per task. The Launch view and {@code submit --dry-run} both ask here.
   *
   * @param samples samples per task, null for each dataset's count
   */
  public static LaunchEstimate estimate(
      JobScripts scripts,
      EstimateRepository history,
      Collection<String> models,
      Collection<String> datasets,
      String preset,
      Integer samples) {
    List<Duration> expected =
        history.estimates(models, datasets, preset, samples).stream()
            .map(DurationEstimate::estimate)
            .toList();
    return LaunchEstimate.of(
        models.size() * datasets.size(), expected, scripts.gpusPerTask(preset));
  }

  /** Stores the session with its tasks as pending, then submits every task. */
  public LaunchResult launch(LaunchRequest request) {
    Objects.requireNonNull(request.cluster(), "a launch needs a cluster");
    // Render first: a template error should fail before anything is stored.
    dryRun(request);
    String key = request.sessionKey() == null ? newKey() : request.sessionKey();
    TaskLifecycleRepository.SessionWithTasks created =
        lifecycle.createSession(
            new TaskLifecycleRepository.NewSession(
                key, request.category(), request.cluster(), request.grid()));
    LOG.info(
        "session {} stored with {} task(s) for {}",
        created.session().key(),
        created.tasks().size(),
        request.cluster());
    return submit(created.session(), created.tasks());
  }

  /**
   * Submits the session's pending tasks among {@code toSubmit} (launch and resubmit): render,
   * upload, sbatch, queued. A task sbatch refuses fails with SUBMIT_FAILED; a cluster that cannot
   * be reached leaves the remaining tasks pending and is reported.
   */
  public LaunchResult submit(EvaluationSession session, List<EvaluationTask> toSubmit) {
    String cluster = Objects.requireNonNull(session.cluster(), "session has no cluster");
    ClusterAccess access = clusters.access(cluster);
    List<EvaluationTask> out = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (EvaluationTask task : toSubmit) {
      if (task.status() != TaskStatus.PENDING) {
        out.add(task);
        continue;
      }
      TaskSpec spec =
          new TaskSpec(
              task.model(),
              task.dataset(),
              task.preset() == null ? "balanced" : task.preset(),
              task.sampleLimit(),
              task.priority());
      JobScripts.RenderedJob job = scripts.render(cluster, session.key(), task.index(), spec);
      long jobId;
      try {
        jobId = access.submit(job.remoteDir(), job.scriptFileName(), job.script());
      } catch (ClusterAccess.SubmitRefusedException e) {
        failures.add("task " + task.index() + ": sbatch refused it: " + e.getMessage());
        out.add(
            lifecycle.markFailed(
                task.id(),
                task.version(),
                FailureCause.SUBMIT_FAILED,
                null,
                e.getMessage(),
                clock.instant()));
        continue;
      } catch (RuntimeException e) {
        // The cluster cannot be reached: leave this and the remaining tasks pending.
        failures.add("task " + task.index() + ": not submitted: " + e.getMessage());
        LOG.warn("submitting task {} of {} failed", task.index(), session.key(), e);
        out.add(task);
        continue;
      }
      try {
        out.add(
            lifecycle.markQueued(
                task.id(), task.version(), jobId, job.remoteDir(), clock.instant()));
        LOG.info("task {} of {} queued as job {}", task.index(), session.key(), jobId);
      } catch (RuntimeException e) {
        LOG.error("job {} was submitted but could not be recorded; cancelling it", jobId, e);
        try {
          access.cancel(List.of(jobId));
        } catch (RuntimeException cancelFailed) {
          e.addSuppressed(cancelFailed);
          LOG.error(
              "job {} could not be cancelled either: it runs unrecorded", jobId, cancelFailed);
        }
        failures.add(
            "task "
                + task.index()
                + ": job "
                + jobId
                + " cancelled, not recorded: "
                + e.getMessage());
        out.add(tasks.find(task.id()).orElse(task));
      }
    }
    return new LaunchResult(session, out, failures);
  }

  private String newKey() {
    Instant now = clock.instant();
    return KEY.format(now);
  }
}
