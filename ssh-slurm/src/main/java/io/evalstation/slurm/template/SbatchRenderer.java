package io.evalstation.slurm.template;

import io.evalstation.model.Names;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.slurm.ShellQuote;
import io.evalstation.slurm.ssh.ClusterProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders one batch script per task from a {@link JobTemplate}. The {@code #SBATCH} directives are
 * built here from validated values only; everything else reaches the script as single-quoted {@code
 * EVAL_*} assignments.
 *
 * <p>Remote layout: {@code <remoteWorkDir>/sessions/<session>/<NNN>-<model>-<dataset>/}, the task's
 * {@link JobLayout}.
 */
public final class SbatchRenderer {
  /** Seconds between two GPU samples. */
  public static final int SAMPLE_SECONDS = 10;

  private final JobTemplates templates;

  /** A renderer taking templates from {@code templates}. */
  public SbatchRenderer(JobTemplates templates) {
    this.templates = templates;
  }

  /** The session's remote directory. */
  public static String sessionDir(ClusterProfile profile, String session) {
    Names.requireName("session directory", session);
    if (session.contains("/")) {
      throw new IllegalArgumentException("session directory '" + session + "' may not contain '/'");
    }
    String base =
        profile.remoteWorkDir().endsWith("/")
            ? profile.remoteWorkDir().substring(0, profile.remoteWorkDir().length() - 1)
            : profile.remoteWorkDir();
    return base + "/sessions/" + session;
  }

  /** Renders with the model's registry name as the harness's model path. */
  public SbatchScript render(
      TaskSpec task, Preset preset, ClusterProfile profile, String session, int taskIndex) {
    return render(task, preset, profile, session, taskIndex, task.model());
  }

  /**
   * Renders the script of task {@code taskIndex} (1-based) of {@code session}.
   *
   * @param modelPath what the harness loads ({@code pretrained=}): a Hugging Face id or a path on
   *     the cluster; any text (it is quoted)
   */
  public SbatchScript render(
      TaskSpec task,
      Preset preset,
      ClusterProfile profile,
      String session,
      int taskIndex,
      String modelPath) {
    if (taskIndex < 1 || taskIndex > 99999) {
      throw new IllegalArgumentException("task index " + taskIndex + " must be 1..99999");
    }
    if (modelPath == null
        || modelPath.isBlank()
        || modelPath.contains("\n")
        || modelPath.contains(",")) {
      throw new IllegalArgumentException(
          "model path '"
              + modelPath
              + "' must be one line without commas (the harness splits model_args on commas)");
    }
    JobTemplate template = templates.get(profile.templateName());
    String taskDir =
        sessionDir(profile, session)
            + "/"
            + String.format("%03d", taskIndex)
            + "-"
            + safe(task.model())
            + "-"
            + safe(task.dataset());
    ShellQuote.requirePath("task directory", taskDir);
    String jobName = truncate("ev-" + safe(task.model()) + "-" + safe(task.dataset()), 120);

    StringBuilder sb = new StringBuilder();
    sb.append("#SBATCH --job-name=").append(jobName).append('\n');
    sb.append("#SBATCH --partition=").append(profile.partition()).append('\n');
    if (profile.account() != null) {
      sb.append("#SBATCH --account=").append(profile.account()).append('\n');
    }
    if (profile.qos() != null) {
      sb.append("#SBATCH --qos=").append(profile.qos()).append('\n');
    }
    sb.append("#SBATCH --time=").append(preset.sbatchTime()).append('\n');
    sb.append("#SBATCH --nodes=1\n#SBATCH --ntasks=1\n");
    sb.append("#SBATCH --gres=gpu:")
        .append(profile.gpuType())
        .append(':')
        .append(preset.gpus())
        .append('\n');
    sb.append("#SBATCH --cpus-per-task=").append(preset.cpus()).append('\n');
    sb.append("#SBATCH --mem=").append(preset.memoryGb()).append("G\n");
    sb.append("#SBATCH --nice=").append(nice(task.priority())).append('\n');
    sb.append("#SBATCH --output=").append(JobLayout.LOG).append('\n');
    sb.append("#SBATCH --open-mode=append");

    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("EVAL_MODEL", task.model());
    vars.put("EVAL_MODEL_PATH", modelPath);
    vars.put("EVAL_DATASET", task.dataset());
    vars.put("EVAL_PRESET", preset.name());
    vars.put("EVAL_LIMIT", task.sampleLimit() == null ? "" : String.valueOf(task.sampleLimit()));
    vars.put("EVAL_GPUS", String.valueOf(preset.gpus()));
    vars.put("EVAL_TP", String.valueOf(preset.tensorParallel()));
    vars.put("EVAL_GPU_MEM", String.valueOf(preset.gpuMemoryFraction()));
    vars.put("EVAL_BATCH", preset.batchSize());
    vars.put("EVAL_TASK_INDEX", String.valueOf(taskIndex));
    vars.put("EVAL_OUTPUT_DIR", JobLayout.OUTPUT);
    vars.put("EVAL_PROGRESS", JobLayout.PROGRESS);
    vars.put("EVAL_GPU_CSV", JobLayout.GPU_CSV);
    vars.put("EVAL_SAMPLE_SECONDS", String.valueOf(SAMPLE_SECONDS));
    vars.put("EVAL_HARNESS", profile.harnessCommand());
    vars.put("EVAL_EXTRA_PATH", profile.extraPath() == null ? "" : profile.extraPath());
    StringBuilder vb = new StringBuilder();
    vars.forEach((k, v) -> vb.append(k).append('=').append(ShellQuote.quote(v)).append('\n'));
    vb.setLength(vb.length() - 1);

    StringBuilder out = new StringBuilder();
    for (String line : template.text().split("\n", -1)) {
      String l = line.strip();
      if (l.equals(JobTemplate.SBATCH_MARKER)) {
        out.append(sb);
      } else if (l.equals(JobTemplate.VARIABLES_MARKER)) {
        out.append(vb);
      } else {
        out.append(line);
      }
      out.append('\n');
    }
    String text = out.substring(0, out.length() - 1);
    return new SbatchScript(text, jobName, new JobLayout(taskDir));
  }

  /** SLURM nice value for a priority; users may only raise niceness, so high is 0. */
  static int nice(Priority p) {
    return switch (p) {
      case HIGH -> 0;
      case NORMAL -> 100;
      case LOW -> 1000;
    };
  }

  /** A name made safe for a file or job name: {@code /} becomes {@code __}, {@code :} {@code _}. */
  static String safe(String name) {
    return name.replace("/", "__").replace(":", "_");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
