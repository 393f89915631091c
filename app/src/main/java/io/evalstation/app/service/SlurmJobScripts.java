package io.evalstation.app.service;

import io.evalstation.model.PerfSample;
import io.evalstation.model.TaskSpec;
import io.evalstation.slurm.parse.GpuSample;
import io.evalstation.slurm.parse.NvidiaSmiCsvParser;
import io.evalstation.slurm.parse.Progress;
import io.evalstation.slurm.parse.ProgressParser;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.template.JobLayout;
import io.evalstation.slurm.template.JobTemplates;
import io.evalstation.slurm.template.Preset;
import io.evalstation.slurm.template.SbatchRenderer;
import io.evalstation.slurm.template.SbatchScript;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link JobScripts} over the {@code ssh-slurm} templates: the cluster's profile (or, for a dry run
 * before any cluster is configured, a default profile) and a built-in or extra preset.
 */
public final class SlurmJobScripts implements JobScripts {
  /** The profile a dry run uses when no cluster is named or configured. */
  public static final ClusterProfile DRY_RUN_PROFILE =
      ClusterProfile.builder("default", "cluster.example.org").build();

  private final ClusterProfiles profiles;
  private final SbatchRenderer renderer;
  private final Map<String, Preset> extraPresets;

  /**
   * @param profiles where cluster profiles are read
   * @param templates the job templates (built-in and the user's)
   * @param extraPresets presets beside the built-in ones, by name (may be empty)
   */
  public SlurmJobScripts(
      ClusterProfiles profiles, JobTemplates templates, Map<String, Preset> extraPresets) {
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.renderer = new SbatchRenderer(Objects.requireNonNull(templates, "templates"));
    this.extraPresets = Map.copyOf(extraPresets);
  }

  /** The preset of that name: an extra one, else a built-in one. */
  public Preset preset(String name) {
    Preset p = extraPresets.get(name);
    return p != null ? p : Preset.named(name);
  }

  @Override
  public int gpusPerTask(String preset) {
    return preset(preset).gpus();
  }

  @Override
  public RenderedJob render(String cluster, String sessionKey, int taskIndex, TaskSpec spec) {
    ClusterProfile profile = cluster == null ? DRY_RUN_PROFILE : profiles.get(cluster);
    // Database indices are 0-based; the remote layout numbers tasks from 1 (001-model-dataset).
    SbatchScript s =
        renderer.render(spec, preset(spec.preset()), profile, sessionKey, taskIndex + 1);
    return new RenderedJob(s.layout().taskDir(), JobLayout.SCRIPT, s.text());
  }

  @Override
  public JobLayout files(String remoteDir) {
    return new JobLayout(remoteDir);
  }

  @Override
  public ProgressReading progress(String progressText, String logText) {
    Progress p = ProgressParser.parse(progressText, logText);
    return new ProgressReading(p.done(), p.total(), p.rate(), p.exitCode());
  }

  @Override
  public List<PerfSample> gpuSamples(String csvLines, String node) {
    if (csvLines == null || csvLines.isBlank()) {
      return List.of();
    }
    List<PerfSample> out = new ArrayList<>();
    for (GpuSample g : NvidiaSmiCsvParser.parse(csvLines, ZoneOffset.UTC)) {
      out.add(
          new PerfSample(
              g.timestamp(),
              g.index(),
              g.utilizationPercent(),
              g.memoryPercent(),
              g.memoryUsedMib(),
              null,
              node));
    }
    return out;
  }
}
