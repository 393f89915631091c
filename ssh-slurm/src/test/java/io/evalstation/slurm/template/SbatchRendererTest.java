package io.evalstation.slurm.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.slurm.ssh.ClusterProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbatchRendererTest {
  static final ClusterProfile PROFILE =
      ClusterProfile.builder("hpc", "login.example.org")
          .partition("h100")
          .account("proj1")
          .qos("high")
          .remoteWorkDir("/scratch/alice/ev")
          .build();

  @Test
  void directivesAndPaths() {
    TaskSpec t = new TaskSpec("meta-llama/Llama-3.1-8B", "gsm8k", "balanced", 100, Priority.LOW);
    SbatchScript s =
        new SbatchRenderer(JobTemplates.builtInOnly())
            .render(t, Preset.BALANCED, PROFILE, "s-42", 7);
    assertThat(s.layout().taskDir())
        .isEqualTo("/scratch/alice/ev/sessions/s-42/007-meta-llama__Llama-3.1-8B-gsm8k");
    assertThat(s.layout().script()).isEqualTo(s.layout().taskDir() + "/job.sbatch");
    assertThat(s.layout().outputDir()).isEqualTo(s.layout().taskDir() + "/output");
    assertThat(s.text())
        .startsWith("#!/bin/bash\n#SBATCH --job-name=ev-meta-llama__Llama-3.1-8B-gsm8k\n")
        .contains("#SBATCH --partition=h100\n")
        .contains("#SBATCH --account=proj1\n")
        .contains("#SBATCH --qos=high\n")
        .contains("#SBATCH --time=0-04:00:00\n")
        .contains("#SBATCH --gres=gpu:h100:2\n")
        .contains("#SBATCH --cpus-per-task=16\n")
        .contains("#SBATCH --mem=128G\n")
        .contains("#SBATCH --nice=1000\n")
        .contains("EVAL_MODEL=meta-llama/Llama-3.1-8B\n")
        .contains("EVAL_LIMIT=100\n")
        .contains("EVAL_TP=2\n")
        .contains("EVAL_GPU_MEM=0.9\n")
        .contains("EVAL_EXTRA_PATH=''\n")
        .contains("--log_samples")
        .contains(
            "nvidia-smi --query-gpu=timestamp,index,utilization.gpu,memory.used,memory.total --format=csv")
        .doesNotContain("{{");
  }

  @Test
  void renderedScriptIsValidBash(@TempDir Path dir) throws Exception {
    TaskSpec t = new TaskSpec("m", "d", "fast", null, Priority.HIGH);
    for (String name : JobTemplates.BUILT_IN) {
      ClusterProfile p = PROFILE.toBuilder().templateName(name).account(null).qos(null).build();
      SbatchScript s =
          new SbatchRenderer(JobTemplates.builtInOnly())
              .render(t, Preset.FAST, p, "s1", 1, "it's a path");
      assertThat(s.text())
          .contains("EVAL_MODEL_PATH='it'\\''s a path'")
          .contains("EVAL_LIMIT=''")
          .contains("--nice=0")
          .doesNotContain("--account")
          .doesNotContain("--qos");
      Path f = dir.resolve(name + ".sh");
      Files.writeString(f, s.text());
      Process bash =
          new ProcessBuilder("bash", "-n", f.toString()).redirectErrorStream(true).start();
      String out = new String(bash.getInputStream().readAllBytes());
      assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(bash.exitValue()).as(out).isZero();
    }
  }

  @Test
  void userCopyOverridesTheBuiltInAndBrokenTemplatesAreNamed(@TempDir Path dir) throws Exception {
    JobTemplates templates = new JobTemplates(dir);
    Path copy = templates.copyForEditing("lm-eval-vllm");
    Files.writeString(
        copy, Files.readString(copy).replace("--log_samples", "--log_samples --num_fewshot 5"));
    Files.writeString(
        dir.resolve("mine.sbatch"),
        "#!/bin/bash\n{{SBATCH}}\n{{VARIABLES}}\necho \"$EVAL_MODEL\"\n");
    assertThat(templates.names()).containsExactly("legacy-pipeline", "lm-eval-vllm", "mine");
    TaskSpec t = new TaskSpec("m", "d", "fast", 5, Priority.NORMAL);
    assertThat(new SbatchRenderer(templates).render(t, Preset.FAST, PROFILE, "s", 1).text())
        .contains("--num_fewshot 5");
    assertThat(
            new SbatchRenderer(templates)
                .render(t, Preset.FAST, PROFILE.toBuilder().templateName("mine").build(), "s", 1)
                .text())
        .contains("#SBATCH --nice=100\n")
        .endsWith("echo \"$EVAL_MODEL\"\n");
    Files.writeString(dir.resolve("broken.sbatch"), "#!/bin/bash\necho {{MODEL}}\n");
    assertThatThrownBy(() -> templates.get("broken"))
        .hasMessageContaining(dir.resolve("broken.sbatch").toString())
        .hasMessageContaining("{{SBATCH}}");
    assertThatThrownBy(() -> templates.get("nope"))
        .hasMessageContaining("no job template called 'nope'");
  }

  @Test
  void badInputsAreRefused() {
    TaskSpec t = new TaskSpec("m", "d", "fast", 5, Priority.NORMAL);
    SbatchRenderer r = new SbatchRenderer(JobTemplates.builtInOnly());
    assertThatThrownBy(() -> r.render(t, Preset.FAST, PROFILE, "s/../x", 1))
        .hasMessageContaining("session directory");
    assertThatThrownBy(() -> r.render(t, Preset.FAST, PROFILE, "s", 0))
        .hasMessageContaining("task index 0");
    assertThatThrownBy(() -> r.render(t, Preset.FAST, PROFILE, "s", 1, "a,b"))
        .hasMessageContaining("commas");
  }

  @Test
  void presetsValidate() {
    assertThat(Preset.named("Balanced")).isEqualTo(Preset.BALANCED);
    assertThat(Preset.THOROUGH.sbatchTime()).isEqualTo("0-12:00:00");
    assertThatThrownBy(() -> Preset.named("huge")).hasMessageContaining("preset 'huge'");
    assertThatThrownBy(() -> new Preset("p", 3, 2, 0.9, "auto", Duration.ofHours(1), 1, 1))
        .hasMessageContaining("tensor parallelism 2 must divide the 3 GPUs");
    assertThatThrownBy(() -> new Preset("p", 1, 1, 1.5, "auto", Duration.ofHours(1), 1, 1))
        .hasMessageContaining("GPU memory fraction 1.5");
    assertThatThrownBy(() -> new Preset("p", 1, 1, 0.5, "big", Duration.ofHours(1), 1, 1))
        .hasMessageContaining("batch size 'big'");
    assertThatThrownBy(() -> new Preset("p", 1, 1, 0.5, "8", Duration.ofSeconds(5), 1, 1))
        .hasMessageContaining("time limit");
  }
}
