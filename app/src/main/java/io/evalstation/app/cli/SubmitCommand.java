package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.app.service.JobScripts;
import io.evalstation.app.service.LaunchService;
import io.evalstation.app.service.SlurmJobScripts;
import io.evalstation.model.EvaluationTask;
import io.evalstation.model.Priority;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.template.JobTemplates;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalstation submit}: launch a grid of evaluations on a cluster. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Launch every model on every dataset as one session on a cluster.",
      "With --dry-run, print the batch scripts instead: nothing is stored or submitted, and no"
          + " cluster needs to be configured (default settings are used)."
    })
public final class SubmitCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Option(names = "--cluster", paramLabel = "NAME", description = "The cluster profile.")
  String cluster;

  @Option(
      names = "--models",
      split = ",",
      required = true,
      paramLabel = "MODEL",
      description = "Models, comma-separated.")
  List<String> models;

  @Option(
      names = "--datasets",
      split = ",",
      required = true,
      paramLabel = "DATASET",
      description = "Datasets (harness task names), comma-separated.")
  List<String> datasets;

  @Option(
      names = "--preset",
      defaultValue = "balanced",
      description = "fast, balanced or thorough (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--limit", paramLabel = "N", description = "Samples per task (default: all).")
  Integer limit;

  @Option(
      names = "--priority",
      defaultValue = "normal",
      description = "low, normal or high (default: ${DEFAULT-VALUE}).")
  String priority;

  @Option(names = "--category", description = "The session's category.")
  String category;

  @Option(
      names = "--session",
      paramLabel = "KEY",
      description = "The session's key (default: a UTC timestamp).")
  String sessionKey;

  @Option(names = "--dry-run", description = "Print the scripts; store and submit nothing.")
  boolean dryRun;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LaunchService.LaunchRequest request =
        new LaunchService.LaunchRequest(
            cluster,
            models,
            datasets,
            preset,
            limit,
            Priority.parse(priority),
            category,
            sessionKey);
    if (dryRun) {
      return dryRun(request, out);
    }
    if (cluster == null) {
      throw new CliException(ExitCodes.USAGE, "--cluster is needed (or --dry-run)");
    }
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      ctx.setClusterPrompts(
          ClusterCommand.terminalHostKeyPrompt(spec.commandLine().getErr(), null),
          ClusterCommand.terminalPassphrasePrompt());
      LaunchService.LaunchResult r = ctx.launchService().launch(request);
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session", r.session().key());
        m.put("sessionId", r.session().id());
        List<Map<String, Object>> ts = new ArrayList<>();
        for (EvaluationTask t : r.tasks()) {
          Map<String, Object> tm = new LinkedHashMap<>();
          tm.put("index", t.index());
          tm.put("id", t.id());
          tm.put("model", t.model());
          tm.put("dataset", t.dataset());
          tm.put("status", t.status().dbValue());
          tm.put("slurmJobId", t.slurmJobId());
          ts.add(tm);
        }
        m.put("tasks", ts);
        m.put("failures", r.failures());
        Json.print(out, m);
      } else {
        out.printf("session %s: %d task(s) on %s%n", r.session().key(), r.tasks().size(), cluster);
        for (EvaluationTask t : r.tasks()) {
          out.printf(
              "  %3d  %-30s %-20s %-9s %s%n",
              t.index(),
              t.model(),
              t.dataset(),
              t.status().dbValue(),
              t.slurmJobId() == null ? "" : "job " + t.slurmJobId());
        }
        r.failures().forEach(f -> out.println("  ! " + f));
        out.printf("follow it with: evalstation watch %s%n", r.session().key());
        out.flush();
      }
      return r.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /**
   * The Launch view's estimate line, from the database when there is one already (a dry run never
   * creates one); says why when there is none.
   */
  private String estimate(LaunchService.LaunchRequest request, JobScripts scripts) {
    try {
      Optional<AppContext> opened = AppContext.openExisting(db.toOptions());
      if (opened.isEmpty()) {
        return "none (no database yet)";
      }
      try (AppContext ctx = opened.get()) {
        return LaunchService.estimate(
                scripts,
                ctx.analytics().estimates(),
                request.models(),
                request.datasets(),
                request.preset(),
                request.sampleLimit())
            .describe(SessionReport::format);
      }
    } catch (RuntimeException e) {
      return "none (" + e.getMessage() + ")";
    }
  }

  private int dryRun(LaunchService.LaunchRequest request, PrintWriter out) {
    AppDirectories dirs = AppDirectories.forCurrentUser();
    if (db.dataDir != null) {
      dirs = dirs.withData(db.dataDir);
    }
    ClusterProfiles profiles = new ClusterProfiles(dirs.config().resolve("clusters"));
    LaunchService.LaunchRequest effective = request;
    if (cluster != null && profiles.find(cluster).isEmpty()) {
      spec.commandLine()
          .getErr()
          .printf("evalstation: no cluster '%s' configured; using default settings%n", cluster);
      effective =
          new LaunchService.LaunchRequest(
              null,
              request.models(),
              request.datasets(),
              request.preset(),
              request.sampleLimit(),
              request.priority(),
              request.category(),
              request.sessionKey());
    }
    JobScripts scripts =
        new SlurmJobScripts(
            profiles, new JobTemplates(dirs.config().resolve("templates")), Map.of());
    List<JobScripts.RenderedJob> jobs = LaunchService.dryRun(scripts, effective, Clock.systemUTC());
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (JobScripts.RenderedJob j : jobs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("remoteDir", j.remoteDir());
        m.put("script", j.script());
        list.add(m);
      }
      Json.print(out, list);
      return ExitCodes.OK;
    }
    for (JobScripts.RenderedJob j : jobs) {
      out.printf("# ---- %s/%s%n", j.remoteDir(), j.scriptFileName());
      out.print(j.script());
      if (!j.script().endsWith("\n")) {
        out.println();
      }
    }
    out.printf("# estimate: %s%n", estimate(effective, scripts));
    out.printf("# %d script(s); nothing was stored or submitted (dry run)%n", jobs.size());
    out.flush();
    return ExitCodes.OK;
  }
}
