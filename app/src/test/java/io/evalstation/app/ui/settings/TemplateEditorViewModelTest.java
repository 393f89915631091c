package io.evalstation.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.settings.TemplateEditorViewModel.Entry;
import io.evalstation.app.ui.task.CurrentThreadTaskExecutor;
import io.evalstation.slurm.template.JobTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job-template editor over real template files: open, edit, save a user copy, refuse junk. */
class TemplateEditorViewModelTest {
  @TempDir Path dir;

  @Test
  void editsABuiltInTemplateIntoAUserCopyAndRefusesABrokenOne() throws Exception {
    Path userDir = dir.resolve("templates");
    JobTemplates templates = new JobTemplates(userDir);
    TemplateEditorViewModel vm =
        new TemplateEditorViewModel(new CurrentThreadTaskExecutor(), templates);

    vm.refresh();
    assertThat(vm.templates())
        .contains(new Entry("lm-eval-vllm", false), new Entry("legacy-pipeline", false));
    assertThat(vm.presets())
        .anyMatch(p -> p.startsWith("fast: 1 GPU, tensor parallel 1, GPU memory 0.85"))
        .anyMatch(p -> p.startsWith("thorough: 4 GPUs"));

    vm.open("lm-eval-vllm");
    String builtIn = JobTemplates.builtIn("lm-eval-vllm").text();
    assertThat(vm.textProperty().get()).isEqualTo(builtIn);

    vm.textProperty().set(builtIn + "# site-specific: module load cuda\n");
    vm.saveUserCopy();
    Path file = userDir.resolve("lm-eval-vllm.sbatch");
    assertThat(vm.statusOkProperty().get()).as(vm.statusProperty().get()).isTrue();
    assertThat(vm.statusProperty().get()).contains(file.toString());
    assertThat(Files.readString(file)).endsWith("# site-specific: module load cuda\n");
    assertThat(templates.get("lm-eval-vllm").text()).contains("module load cuda");
    assertThat(JobTemplates.builtIn("lm-eval-vllm").text()).isEqualTo(builtIn);
    assertThat(vm.templates()).contains(new Entry("lm-eval-vllm", true));

    // Without the {{SBATCH}} line the template cannot be rendered: refused, the copy kept.
    vm.textProperty().set(builtIn.replace("{{SBATCH}}", "") + "# broken\n");
    vm.saveUserCopy();
    assertThat(vm.statusOkProperty().get()).isFalse();
    assertThat(vm.statusProperty().get()).startsWith("Not saved").contains("{{SBATCH}}");
    assertThat(Files.readString(file)).endsWith("# site-specific: module load cuda\n");
    try (var s = Files.list(userDir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("lm-eval-vllm.sbatch");
    }
  }
}
