package io.evalstation.app;

import io.evalstation.app.service.ClusterMonitor;
import io.evalstation.app.service.ClusterService;
import io.evalstation.app.service.ControlService;
import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.service.ResultCollector;
import io.evalstation.app.service.SlurmClusters;
import io.evalstation.app.service.SlurmJobScripts;
import io.evalstation.persistence.analytics.AnalyticsRepository;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.persistence.config.Settings;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseSettings;
import io.evalstation.persistence.importer.TaskOutputLoader;
import io.evalstation.persistence.live.ChangeFeed;
import io.evalstation.persistence.repo.SessionRepository;
import io.evalstation.persistence.repo.TaskRepository;
import io.evalstation.persistence.sample.SampleDataSeeder;
import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.ssh.HostKeyPrompt;
import io.evalstation.slurm.ssh.PassphrasePrompt;
import io.evalstation.slurm.template.JobTemplates;
import io.evalstation.slurm.template.Preset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database and wires repositories and services once. The command
 * line and the desktop app both start here; closing it releases everything in reverse order.
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
  private ClusterConnection.Options clusterOptions;
  private final Map<String, Preset> extraPresets = new HashMap<>();
  private Duration pollPeriod = Duration.ofSeconds(10);
  private SlurmClusters clusters;
  private SlurmJobScripts jobScripts;
  private final Map<String, ClusterMonitor> monitors = new HashMap<>();

  private AppContext(AppDirectories directories, Settings settings, Database database) {
    this.directories = directories;
    this.settings = settings;
    this.database = database;
  }

  /**
   * Opens the context.
   *
   * @param options where the database is; null fields fall back to environment and settings
   * @param migrate whether to bring the schema up to date (false only for {@code db info})
   */
  public static AppContext open(Options options, boolean migrate) {
    AppDirectories dirs = AppDirectories.forCurrentUser();
    if (options.dataDir() != null) {
      dirs = dirs.withData(options.dataDir());
    }
    dirs.makePrivate();
    Settings settings = Settings.load(dirs.settingsFile());
    DatabaseSettings dbSettings =
        DatabaseSettings.resolve(
            options.dbUrl(), options.dbUser(), System.getenv(), settings, dirs);
    Database.PasswordPrompt prompt =
        options.passwordPrompt() == null
            ? Database.PasswordPrompt.none()
            : options.passwordPrompt();
    Database db =
        migrate ? Database.open(dbSettings, prompt) : Database.connect(dbSettings, prompt);
    return new AppContext(dirs, settings, db);
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

  public SessionRepository sessions() {
    return new SessionRepository(database.dsl());
  }

  /**
   * Imports the shipped sample sessions if this is a brand-new embedded database (never for a
   * shared one; at most once in a database's life). Takes seconds the first time: call it off the
   * FX thread.
   */
  public SampleDataSeeder.Result seedSampleDataIfNew() {
    return new SampleDataSeeder(database).seedIfNew();
  }

  public TaskRepository tasks() {
    return new TaskRepository(database.dsl());
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
  public synchronized void setClusterOptions(ClusterConnection.Options options) {
    this.clusterOptions = options;
  }

  /** Adds presets beside the built-in ones (tests: a one-minute time limit). */
  public synchronized void addPreset(Preset preset) {
    extraPresets.put(preset.name(), preset);
    jobScripts = null;
  }

  /** How often monitors poll (default 10 s). */
  public synchronized void setPollPeriod(Duration period) {
    this.pollPeriod = period;
  }

  /** Cluster profiles, one file each under {@code <config>/clusters}. */
  public ClusterProfiles clusterProfiles() {
    return new ClusterProfiles(directories.config().resolve("clusters"));
  }

  /** Job templates: built-in ones and the user's under {@code <config>/templates}. */
  public JobTemplates jobTemplates() {
    return new JobTemplates(directories.config().resolve("templates"));
  }

  /** The clusters, each connected on first use and closed on exit. */
  public synchronized SlurmClusters clusters() {
    if (clusters == null) {
      ClusterConnection.Options o =
          clusterOptions != null
              ? clusterOptions
              // Asks whatever prompts are current when a key is seen, so that prompts set after
              // the first cluster was opened (the window comes up after monitors resume) apply.
              : ClusterConnection.Options.defaults(
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

  public LaunchService launchService() {
    return new LaunchService(tasks(), this::clusterAccess, jobScripts(), Clock.systemUTC());
  }

  private io.evalstation.app.service.ClusterAccess clusterAccess(String cluster) {
    return clusters().access(cluster);
  }

  public ResultCollector resultCollector() {
    TaskOutputLoader loader = new TaskOutputLoader(database);
    return new ResultCollector(tasks(), jobScripts(), loader::load, directories.resultCache());
  }

  public ControlService controlService() {
    return new ControlService(
        tasks(), sessions(), this::clusterAccess, launchService(), Clock.systemUTC());
  }

  public ClusterService clusterService() {
    return new ClusterService(clusterProfiles(), clusters());
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
              database,
              tasks(),
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

  /** Leaderboards, pivots, trends, paired comparisons, prediction pairs, duration estimates. */
  public AnalyticsRepository analytics() {
    return new AnalyticsRepository(database.dsl());
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
