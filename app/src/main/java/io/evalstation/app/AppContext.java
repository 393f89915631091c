package io.evalstation.app;

import io.evalstation.app.service.ClusterMonitor;
import io.evalstation.app.service.ClusterService;
import io.evalstation.app.service.ControlService;
import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.service.ResultCollector;
import io.evalstation.app.service.SlurmClusters;
import io.evalstation.app.service.SlurmJobScripts;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.config.Settings;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseInfo;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.export.ExportService;
import io.evalstation.persistence.export.LegacyExporter;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.importer.TaskOutputLoader;
import io.evalstation.persistence.live.ChangeFeed;
import io.evalstation.persistence.live.ClusterLease;
import io.evalstation.persistence.repo.KeyResultRepository;
import io.evalstation.persistence.repo.MonitorStateRepository;
import io.evalstation.persistence.repo.PerformanceRepository;
import io.evalstation.persistence.repo.RegistryRepository;
import io.evalstation.persistence.repo.SessionRepository;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import io.evalstation.persistence.repo.TaskRepository;
import io.evalstation.persistence.sample.SampleDataSeeder;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.ssh.HostKeyPrompt;
import io.evalstation.slurm.ssh.PassphrasePrompt;
import io.evalstation.slurm.ssh.SshOptions;
import io.evalstation.slurm.template.JobTemplates;
import io.evalstation.slurm.template.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database and builds the repositories and services once; every
 * accessor hands out the same instance. The command line and the desktop app both start here (the
 * desktop's pages take what they need from it); closing it releases everything in reverse order.
 * Services that depend on cluster options are built on first use, after the options are set.
 */
public final class AppContext implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

  private final AppDirectories directories;
  private final Settings settings;
  private final Database database;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private ChangeFeed changeFeed;
  private HostKeyPrompt hostKeyPrompt = HostKeyPrompt.REJECT;
  private PassphrasePrompt passphrasePrompt = PassphrasePrompt.NONE;
  private SshOptions clusterOptions;
  private final Map<String, Preset> extraPresets = new HashMap<>();
  private Duration pollPeriod = Duration.ofSeconds(10);
  private SlurmClusters clusters;
  private SlurmJobScripts jobScripts;
  private final Map<String, ClusterMonitor> monitors = new HashMap<>();
  private LaunchService launchService;
  private ControlService controlService;
  private ResultCollector resultCollector;
  private ClusterService clusterService;
  private ExportService exports;

  private final SessionRepository sessions;
  private final TaskRepository tasks;
  private final TaskLifecycleRepository taskLifecycle;
  private final MonitorStateRepository monitorStates;
  private final KeyResultRepository keyResults;
  private final PerformanceRepository performance;
  private final RegistryRepository registry;
  private final Analytics analytics;
  private final ClusterProfiles clusterProfiles;
  private final JobTemplates jobTemplates;

  private AppContext(AppDirectories directories, Settings settings, Database database) {
    this.directories = directories;
    this.settings = settings;
    this.database = database;
    this.sessions = new SessionRepository(database);
    this.tasks = new TaskRepository(database);
    this.taskLifecycle = new TaskLifecycleRepository(database);
    this.monitorStates = new MonitorStateRepository(database);
    this.keyResults = new KeyResultRepository(database);
    this.performance = new PerformanceRepository(database);
    this.registry = new RegistryRepository(database);
    this.analytics = new Analytics(database);
    this.clusterProfiles = new ClusterProfiles(directories.config().resolve("clusters"));
    this.jobTemplates = new JobTemplates(directories.config().resolve("templates"));
  }

  /**
   * Opens the context.
   *
   * @param options where the database is; null fields fall back to environment and settings
   * @param migrate whether to bring the schema up to date (false only for {@code db info})
   */
  public static AppContext open(Options options, boolean migrate) {
    return open(options, migrate, false).orElseThrow();
  }

  /**
   * Opens the context only when its database exists already (a shared one is configured, or the
   * embedded one was created before), without migrating it: never creates a database (a dry run).
   */
  public static Optional<AppContext> openExisting(Options options) {
    return open(options, false, true);
  }

  private static Optional<AppContext> open(Options options, boolean migrate, boolean existing) {
    AppDirectories dirs = AppDirectories.forCurrentUser();
    if (options.dataDir() != null) {
      dirs = dirs.withData(options.dataDir());
    }
    dirs.makePrivate();
    Settings settings = Settings.load(dirs.settingsFile());
    DatabaseSettings dbSettings =
        DatabaseSettings.resolve(
            options.dbUrl(), options.dbUser(), System.getenv(), settings, dirs);
    if (existing && dbSettings.embedded() && !Files.isDirectory(dirs.embeddedDatabase())) {
      return Optional.empty();
    }
    Database.PasswordPrompt prompt =
        options.passwordPrompt() == null
            ? Database.PasswordPrompt.none()
            : options.passwordPrompt();
    Database db =
        migrate ? Database.open(dbSettings, prompt) : Database.connect(dbSettings, prompt);
    return Optional.of(new AppContext(dirs, settings, db));
  }

  /** Opens the context on an already open database (tests, tools). */
  public static AppContext on(Database database, AppDirectories directories) {
    return new AppContext(directories, Settings.load(directories.settingsFile()), database);
  }

  public AppDirectories directories() {
    return directories;
  }

  public Settings settings() {
    return settings;
  }

  public Database database() {
    return database;
  }

  /** Which database this is, its versions and row counts ({@code db info}). */
  public DatabaseInfo databaseInfo() {
    return DatabaseInfo.read(database);
  }

  public SessionRepository sessions() {
    return sessions;
  }

  /**
   * Imports the shipped sample sessions if this is a brand-new embedded database (never for a
   * shared one; at most once in a database's life). Takes seconds the first time: call it off the
   * FX thread.
   */
  public SampleDataSeeder.Result seedSampleDataIfNew() {
    return new SampleDataSeeder(database).seedIfNew();
  }

  /** Reads tasks. */
  public TaskRepository tasks() {
    return tasks;
  }

  /** Creates sessions and moves tasks. */
  public TaskLifecycleRepository taskLifecycle() {
    return taskLifecycle;
  }

  /** What the monitors have read of each job's files. */
  public MonitorStateRepository monitorStates() {
    return monitorStates;
  }

  /** Tasks with their key metric (session detail, dashboard). */
  public KeyResultRepository keyResults() {
    return keyResults;
  }

  /** GPU and throughput samples. */
  public PerformanceRepository performance() {
    return performance;
  }

  /** The model and dataset registries. */
  public RegistryRepository registry() {
    return registry;
  }

  /** An importer of result files into this database. */
  public Importer importer(ImportOptions options) {
    return new Importer(database, options);
  }

  /** Writes stored sessions back as legacy session files. */
  public LegacyExporter legacyExporter() {
    return new LegacyExporter(database);
  }

  /**
   * How cluster connections ask the user (unknown host key, key passphrase); takes effect for every
   * later question, also on clusters already opened. Defaults refuse unknown hosts and skip
   * encrypted keys.
   */
  public synchronized void setClusterPrompts(HostKeyPrompt hostKeys, PassphrasePrompt passphrases) {
    this.hostKeyPrompt = hostKeys;
    this.passphrasePrompt = passphrases;
  }

  private synchronized HostKeyPrompt currentHostKeyPrompt() {
    return hostKeyPrompt;
  }

  private synchronized PassphrasePrompt currentPassphrasePrompt() {
    return passphrasePrompt;
  }

  /** Replaces the SSH connection options (tests: a known_hosts of their own). */
  public synchronized void setClusterOptions(SshOptions options) {
    this.clusterOptions = options;
  }

  /** Adds presets beside the built-in ones (tests: a one-minute time limit). */
  public synchronized void addPreset(Preset preset) {
    extraPresets.put(preset.name(), preset);
    // Everything that renders scripts is built again with the new preset.
    jobScripts = null;
    launchService = null;
    controlService = null;
    resultCollector = null;
  }

  /** How often monitors poll (default 10 s). */
  public synchronized void setPollPeriod(Duration period) {
    this.pollPeriod = period;
  }

  /** Cluster profiles, one file each under {@code <config>/clusters}. */
  public ClusterProfiles clusterProfiles() {
    return clusterProfiles;
  }

  /** Job templates: built-in ones and the user's under {@code <config>/templates}. */
  public JobTemplates jobTemplates() {
    return jobTemplates;
  }

  /** The clusters, each connected on first use and closed on exit. */
  public synchronized SlurmClusters clusters() {
    if (clusters == null) {
      SshOptions o =
          clusterOptions != null
              ? clusterOptions
              // Asks whatever prompts are current when a key is seen, so that prompts set after
              // the first cluster was opened (the window comes up after monitors resume) apply.
              : SshOptions.defaults(
                  (host, type, fingerprint) ->
                      currentHostKeyPrompt().acceptUnknownHost(host, type, fingerprint),
                  (key, attempt) -> currentPassphrasePrompt().passphrase(key, attempt));
      clusters = new SlurmClusters(clusterProfiles(), o);
      closeables.push(clusters);
    }
    return clusters;
  }

  /** Rendering and reading job scripts; needs no cluster (dry runs). */
  public synchronized JobScripts jobScripts() {
    if (jobScripts == null) {
      jobScripts = new SlurmJobScripts(clusterProfiles(), jobTemplates(), extraPresets);
    }
    return jobScripts;
  }

  /** Stores, renders and submits sessions (dry runs need no cluster). */
  public synchronized LaunchService launchService() {
    if (launchService == null) {
      launchService =
          new LaunchService(
              tasks, taskLifecycle, this::clusterAccess, jobScripts(), Clock.systemUTC());
    }
    return launchService;
  }

  private io.evalstation.app.service.ClusterAccess clusterAccess(String cluster) {
    return clusters().access(cluster);
  }

  /** Fetches a finished job's outputs and hands them to the importer. */
  public synchronized ResultCollector resultCollector() {
    if (resultCollector == null) {
      TaskOutputLoader loader = new TaskOutputLoader(database);
      resultCollector =
          new ResultCollector(
              tasks,
              taskLifecycle,
              monitorStates,
              jobScripts(),
              loader::loadAndComplete,
              directories.resultCache());
    }
    return resultCollector;
  }

  /** Cancels and resubmits tasks and sessions on their clusters. */
  public synchronized ControlService controlService() {
    if (controlService == null) {
      controlService =
          new ControlService(
              tasks,
              taskLifecycle,
              sessions,
              this::clusterAccess,
              launchService(),
              Clock.systemUTC());
    }
    return controlService;
  }

  /** Cluster profiles (add, list) and what a cluster offers now. */
  public synchronized ClusterService clusterService() {
    if (clusterService == null) {
      clusterService = new ClusterService(clusterProfiles, clusters());
    }
    return clusterService;
  }

  /**
   * The cluster's monitor, started on first use (it polls only while this process holds the
   * cluster's lock) and stopped on exit.
   */
  public synchronized ClusterMonitor monitor(String cluster) {
    ClusterMonitor m = monitors.get(cluster);
    if (m == null) {
      m =
          new ClusterMonitor(
              cluster,
              new ClusterLease(database, cluster),
              tasks(),
              taskLifecycle(),
              monitorStates(),
              this::clusterAccess,
              jobScripts(),
              resultCollector(),
              pollPeriod,
              Clock.systemUTC());
      monitors.put(cluster, m);
      closeables.push(m);
      m.start();
    }
    return m;
  }

  /**
   * Leaderboards, pivots, trends, paired comparisons, prediction pairs, duration estimates, picker
   * choices and session exports: one repository per question.
   */
  public Analytics analytics() {
    return analytics;
  }

  /** Exports of analytics results and sessions (workbooks, CSV, LaTeX), for the CLI and the UI. */
  public synchronized ExportService exports() {
    if (exports == null) {
      exports = new ExportService(analytics, database.describe(), Clock.systemUTC());
    }
    return exports;
  }

  /**
   * Starts a monitor for every cluster that has queued or running tasks and a profile here (the
   * desktop calls it at start: each monitor's first poll reconciles its unfinished tasks).
   *
   * @return the clusters monitored
   */
  public java.util.List<String> startMonitors() {
    java.util.List<String> started = new java.util.ArrayList<>();
    ClusterProfiles profiles = clusterProfiles();
    for (String cluster : tasks().clustersWithActiveTasks()) {
      if (profiles.find(cluster).isPresent()) {
        monitor(cluster);
        started.add(cluster);
      } else {
        LOG.warn("tasks run on cluster {}, which has no profile here: not monitored", cluster);
      }
    }
    return started;
  }

  /** The live change feed, started on first use. */
  public synchronized ChangeFeed changeFeed() {
    if (changeFeed == null) {
      changeFeed = new ChangeFeed(database);
      closeables.push(changeFeed);
    }
    return changeFeed;
  }

  /** Registers something to close before the database closes. */
  public synchronized void closeOnExit(AutoCloseable closeable) {
    closeables.push(closeable);
  }

  @Override
  public synchronized void close() {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", c, e);
      }
    }
    database.close();
  }

  /**
   * Where the database is, as the command line or the app was told.
   *
   * @param dbUrl JDBC URL, or null
   * @param dbUser database user, or null
   * @param dataDir data directory override, or null
   * @param passwordPrompt asks for a password when needed, or null
   */
  public record Options(
      String dbUrl, String dbUser, Path dataDir, Database.PasswordPrompt passwordPrompt) {
    /** Nothing given: environment and settings decide. */
    public static Options defaults() {
      return new Options(null, null, null, null);
    }
  }
}
