package io.evalstation.slurm.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.model.JobState;
import io.evalstation.model.Priority;
import io.evalstation.model.TaskSpec;
import io.evalstation.slurm.JobInfo;
import io.evalstation.slurm.LocalCluster;
import io.evalstation.slurm.ShellQuote;
import io.evalstation.slurm.SlurmClient;
import io.evalstation.slurm.parse.GpuSample;
import io.evalstation.slurm.parse.NvidiaSmiCsvParser;
import io.evalstation.slurm.parse.Progress;
import io.evalstation.slurm.parse.ProgressParser;
import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the built-in lm-eval-vllm template, submits it to the real local cluster, where the
 * stand-in harness writes lm-evaluation-harness output, and reads everything back.
 */
class TemplateRunTest {
  static LocalCluster cluster;
  static ClusterConnection connection;
  static SlurmClient slurm;
  static ClusterProfile profile;
  static String session;
  static final SbatchRenderer RENDERER = new SbatchRenderer(JobTemplates.builtInOnly());

  @BeforeAll
  static void start() {
    cluster = LocalCluster.require();
    profile = cluster.profile("local").remoteWorkDir("evalstation-test/work").build();
    connection = new ClusterConnection(profile, LocalCluster.options());
    slurm = new SlurmClient(connection);
    session = "t-" + UUID.randomUUID();
  }

  @AfterAll
  static void stop() {
    if (connection != null) {
      connection.exec("rm -rf " + ShellQuote.quote(SbatchRenderer.sessionDir(profile, session)));
      connection.close();
    }
  }

  static JobInfo runToEnd(SbatchScript s) throws InterruptedException {
    connection.upload(s.text().getBytes(StandardCharsets.UTF_8), s.layout().script());
    long id = slurm.submit(s.layout().script());
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < end) {
      JobInfo j = slurm.poll(List.of(id)).get(id);
      if (j != null && j.state().isFinal() && j.source() == JobInfo.Source.SACCT) {
        return j;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("job " + id + " of " + s.layout().taskDir() + " did not end in 120 s");
  }

  @Test
  void harnessOutputProgressAndGpuSamplesComeBack(@TempDir Path local) throws Exception {
    TaskSpec task = new TaskSpec("org/sleep3-model", "gsm8k", "fast", 5, Priority.NORMAL);
    SbatchScript s = RENDERER.render(task, Preset.FAST, profile, session, 1);
    JobInfo j = runToEnd(s);
    assertThat(j.state())
        .as(connection.readFrom(s.layout().log(), 0, 5000).text())
        .isEqualTo(JobState.COMPLETED);
    assertThat(j.exitCode()).isZero();
    assertThat(j.tres()).contains("gres/gpu:h100=1");

    List<Path> files = connection.downloadDirectory(s.layout().outputDir(), local.resolve("out"));
    assertThat(files).hasSize(2);
    Path modelDir = local.resolve("out/org__sleep3-model");
    Path results;
    try (Stream<Path> l = Files.list(modelDir)) {
      results =
          l.filter(p -> p.getFileName().toString().startsWith("results_"))
              .findFirst()
              .orElseThrow();
    }
    JsonNode r = new ObjectMapper().readTree(results.toFile());
    assertThat(r.path("model_name").asText()).isEqualTo("org/sleep3-model");
    assertThat(r.path("config").path("model_args").asText())
        .isEqualTo(
            "pretrained=org/sleep3-model,tensor_parallel_size=1,gpu_memory_utilization=0.85");
    assertThat(r.path("n-samples").path("gsm8k").path("effective").asInt()).isEqualTo(5);
    assertThat(r.path("results").path("gsm8k").has("exact_match,strict-match")).isTrue();
    try (Stream<Path> l = Files.list(modelDir)) {
      Path samples =
          l.filter(p -> p.getFileName().toString().startsWith("samples_gsm8k_"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readAllLines(samples)).hasSize(10);
    }

    String progressFile = connection.readFrom(s.layout().progress(), 0, 10000).text();
    String log = connection.readFrom(s.layout().log(), 0, 100000).text();
    Progress p = ProgressParser.parse(progressFile, log);
    assertThat(p.phase()).isEqualTo("finished");
    assertThat(p.exitCode()).isZero();
    assertThat(p.done()).isEqualTo(5);
    assertThat(p.total()).isEqualTo(5);
    assertThat(p.fraction()).isEqualTo(1.0);

    String csv = connection.readFrom(s.layout().gpuCsv(), 0, 100000).completeLines();
    List<GpuSample> gpu = NvidiaSmiCsvParser.parse(csv, ZoneOffset.UTC);
    assertThat(gpu).isNotEmpty();
    assertThat(gpu.get(0).index()).isZero();
    assertThat(gpu.get(0).memoryTotalMib()).isEqualTo(81559.0);
    assertThat(gpu.get(0).utilizationPercent()).isBetween(0.0, 100.0);
  }

  @Test
  void harnessExitingThreeFailsTheJobWithThree() throws Exception {
    TaskSpec task = new TaskSpec("exit3-model", "gsm8k", "fast", 3, Priority.LOW);
    SbatchScript s = RENDERER.render(task, Preset.FAST, profile, session, 2);
    JobInfo j = runToEnd(s);
    assertThat(j.state()).isEqualTo(JobState.FAILED);
    assertThat(j.exitCode()).isEqualTo(3);
    Progress p =
        ProgressParser.parse(connection.readFrom(s.layout().progress(), 0, 10000).text(), null);
    assertThat(p.phase()).isEqualTo("finished");
    assertThat(p.exitCode()).isEqualTo(3);
    assertThat(connection.list(s.layout().outputDir())).isEmpty();
  }

  @Test
  void injectionInAModelNameNeverRuns() throws Exception {
    String marker = "/tmp/pwned-" + UUID.randomUUID().toString().substring(0, 8);
    String evil =
        "x; touch "
            + marker
            + " $(touch "
            + marker
            + ") `touch "
            + marker
            + "` '; touch "
            + marker
            + "; '";
    // a registry name that could reach a shell is refused outright
    assertThatThrownBy(
            () -> new TaskSpec("x; touch " + marker, "gsm8k", "fast", 1, Priority.NORMAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model");
    // free text (the path the harness loads) stays a literal, end to end on the cluster
    TaskSpec task = new TaskSpec("safe-model", "gsm8k", "fast", 2, Priority.HIGH);
    SbatchScript s = RENDERER.render(task, Preset.FAST, profile, session, 3, evil);
    JobInfo j = runToEnd(s);
    assertThat(j.state())
        .as(connection.readFrom(s.layout().log(), 0, 5000).text())
        .isEqualTo(JobState.COMPLETED);
    assertThat(connection.exec("test -e " + ShellQuote.quote(marker)).exitCode()).isEqualTo(1);
    assertThat(Path.of(marker)).doesNotExist();
    String log = connection.readFrom(s.layout().log(), 0, 100000).text();
    assertThat(log).contains("model " + evil + " (TEST STAND-IN");
  }
}
