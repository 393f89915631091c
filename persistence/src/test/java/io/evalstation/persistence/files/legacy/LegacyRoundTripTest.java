package io.evalstation.persistence.files.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.SamplePrediction;
import io.evalstation.persistence.files.TaskMetric;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the one writer writes, the one reader reads back: field for field, without a database. */
class LegacyRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Collects what the reader hands over. */
  static final class Collected implements LegacySessionReader.Handler {
    final List<Integer> started = new ArrayList<>();
    final List<LegacyTask> tasks = new ArrayList<>();
    final List<SamplePrediction> embedded = new ArrayList<>();
    Map<String, LegacyModel> models;
    Map<String, LegacyDataset> datasets;
    LegacySession session;
    List<LegacyPerformance> performance;

    @Override
    public void models(Map<String, LegacyModel> m) {
      models = m;
    }

    @Override
    public void datasets(Map<String, LegacyDataset> d) {
      datasets = d;
    }

    @Override
    public void taskStarted(int ordinal) {
      started.add(ordinal);
    }

    @Override
    public void predictions(LegacySessionReader.Predictions predictions)
        throws java.io.IOException {
      predictions.forEach(embedded::add);
    }

    @Override
    public void task(LegacyTask task, String position) {
      tasks.add(task);
    }

    @Override
    public void session(LegacySession s, List<LegacyPerformance> perf) {
      session = s;
      performance = perf;
    }
  }

  static Collected read(Path file) throws Exception {
    Collected c = new Collected();
    try (InputStream in = Files.newInputStream(file)) {
      new LegacySessionReader(file).readSession(in, c);
    }
    return c;
  }

  @Test
  void everyFieldTheWriterWritesTheReaderReadsBack(@TempDir Path dir) throws Exception {
    LocalDateTime start = LocalDateTime.of(2025, 9, 19, 4, 22, 41);
    OffsetDateTime end = OffsetDateTime.of(2025, 9, 19, 7, 0, 0, 0, ZoneOffset.UTC);
    Map<String, LegacyModel> models = new LinkedHashMap<>();
    models.put(
        "qwen3_8b",
        new LegacyModel("qwen3", 8_190_735_360L, "general", "vllm", "/w/q", Map.of("rev", "a1")));
    Map<String, LegacyDataset> datasets = new LinkedHashMap<>();
    datasets.put(
        "gsm8k", new LegacyDataset("math", "reasoning", 1319, "data/gsm8k.jsonl", "gsm8k", null));
    LegacySession session =
        new LegacySession(
            "2025/09 run",
            "math",
            "hpc",
            start,
            end,
            "completed",
            4821137L,
            "gpu-h100-017",
            "H100",
            1,
            1,
            Map.of("template", "default.sbatch"),
            models,
            datasets,
            // an extra named like a field is not written twice: the field carries it
            Map.of("queue", "gpu", "cluster", "shadowed"));
    LegacyTask task =
        new LegacyTask(
            3,
            "qwen3_8b",
            "gsm8k",
            "fast",
            10,
            "high",
            "completed",
            true,
            start,
            end,
            null,
            null,
            0,
            4821138L,
            "gpu-h100-017",
            10,
            10,
            Map.of("harness", "0.4.8"),
            new LegacyResults(10, Map.of("exact_match", 0.7), 1.5, Map.of("judge", "j")),
            List.of(new TaskMetric("exact_match", "strict-match", 0.7, 0.14)),
            LegacyFormat.predictionsFileName(LegacyFormat.fileStamp("2025/09 run"), 3),
            Map.of("note", "n"));
    try (LegacySessionWriter w = LegacySessionWriter.create(dir, session, JsonLayout.COMPACT)) {
      try (LegacyPredictionsWriter p = w.openPredictions(3, "qwen3_8b", "gsm8k")) {
        p.write(
            new SamplePrediction(
                0,
                "strict-match",
                "ph",
                "dh",
                "Q?",
                "A 42",
                "42",
                "42",
                true,
                1.25,
                JSON.readTree("{\"exact_match\": 1}"),
                Map.of("k", List.of(1, 2))));
      }
      w.writeTask(task);
      w.writePerformance(
          new LegacyPerformance(
              Instant.parse("2025-09-19T05:00:00Z"), 3, 1, 87.5, 61.2, 40000.0, 12.4, "n1", null));
    }

    Path sessionFile = dir.resolve("evaluation_session_2025_09_run.json");
    String text = Files.readString(sessionFile, StandardCharsets.UTF_8);
    assertThat(text).contains("\"session_id\":\"2025/09 run\"").doesNotContain("shadowed");
    Collected c = read(sessionFile);
    assertThat(c.session.sessionId()).isEqualTo("2025/09 run");
    assertThat(c.session.cluster()).isEqualTo("hpc");
    assertThat(c.session.startTime()).isEqualTo(start);
    assertThat(c.session.endTime()).isEqualTo(end);
    assertThat(c.session.slurmJobId()).isEqualTo(4821137L);
    assertThat(c.session.totalTasks()).isEqualTo(1);
    assertThat(c.session.provenance().get("template").toString()).isEqualTo("\"default.sbatch\"");
    assertThat(c.session.extra().keySet()).containsExactly("queue");
    assertThat(c.models.get("qwen3_8b").parameterCount()).isEqualTo(8_190_735_360L);
    assertThat(c.models.get("qwen3_8b").weights()).isEqualTo("/w/q");
    assertThat(c.models.get("qwen3_8b").extra().keySet()).containsExactly("rev");
    assertThat(c.datasets.get("gsm8k").harnessTask()).isEqualTo("gsm8k");
    assertThat(c.datasets.get("gsm8k").sampleCount()).isEqualTo(1319);
    assertThat(c.started).containsExactly(1);
    LegacyTask t = c.tasks.get(0);
    assertThat(t.taskIndex()).isEqualTo(3);
    assertThat(t.priority()).isEqualTo("high");
    assertThat(t.status()).isEqualTo("completed");
    assertThat(t.success()).isTrue();
    assertThat(t.exitCode()).isZero();
    assertThat(t.samplesDone()).isEqualTo(10);
    assertThat(t.results().averageExecutionTime()).isEqualTo(1.5);
    assertThat(t.results().evaluationMetrics().get("exact_match").toString()).isEqualTo("0.7");
    assertThat(t.results().extra().keySet()).containsExactly("judge");
    assertThat(t.taskMetrics())
        .containsExactly(new TaskMetric("exact_match", "strict-match", 0.7, 0.14));
    assertThat(t.predictionsFile()).isEqualTo("predictions_2025_09_run_task3.json");
    assertThat(t.extra().keySet()).containsExactly("note");
    LegacyPerformance perf = c.performance.get(0);
    assertThat(perf.timestamp()).isEqualTo(OffsetDateTime.parse("2025-09-19T05:00:00Z"));
    assertThat(perf.taskIndex()).isEqualTo(3);
    assertThat(perf.gpuIndex()).isEqualTo(1);
    assertThat(perf.memoryUsedMib()).isEqualTo(40000.0);

    List<SamplePrediction> preds = new ArrayList<>();
    Path predFile = dir.resolve(t.predictionsFile());
    try (InputStream in = Files.newInputStream(predFile)) {
      new LegacySessionReader(predFile).readPredictionsFile(in, p -> p.forEach(preds::add));
    }
    SamplePrediction p = preds.get(0);
    assertThat(p.filter()).isEqualTo("strict-match");
    assertThat(p.docHash()).isEqualTo("dh");
    assertThat(p.prompt()).isEqualTo("Q?");
    assertThat(p.filteredPrediction()).isEqualTo("42");
    assertThat(p.correct()).isTrue();
    assertThat(p.executionTime()).isEqualTo(1.25);
    assertThat(p.sampleMetrics().get("exact_match").asInt()).isEqualTo(1);
    assertThat(p.extra().get("k").toString()).isEqualTo("[1,2]");
  }

  @Test
  void pipelineFieldsAreWrittenEvenWhenUnknownOthersOnlyWhenKnown(@TempDir Path dir)
      throws Exception {
    LegacySession s =
        new LegacySession(
            "s1", null, null, null, null, "running", null, null, null, null, null, null, null, null,
            null);
    try (LegacySessionWriter w = LegacySessionWriter.create(dir, s, JsonLayout.PRETTY)) {
      w.writeTask(LegacyTask.of(1, "m", "d", null, null, null, null, false, "boom", null, null));
    }
    JsonNode n = JSON.readTree(dir.resolve("evaluation_session_s1.json").toFile());
    assertThat(n.has("category")).isTrue();
    assertThat(n.get("category").isNull()).isTrue();
    assertThat(n.has("end_time")).isFalse();
    assertThat(n.has("cluster")).isFalse();
    assertThat(n.has("provenance")).isFalse();
    JsonNode task = n.get("tasks").get(0);
    assertThat(task.get("preset").isNull()).isTrue();
    assertThat(task.get("results").isNull()).isTrue();
    assertThat(task.has("status")).isFalse();
    assertThat(task.has("task_metrics")).isFalse();
    assertThat(task.has("predictions_file")).isFalse();
    assertThat(n.get("performance_metrics")).isEmpty();
  }

  @Test
  void aTaskWithoutModelIsNamedWithItsPosition(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("evaluation_session_x.json");
    Files.writeString(f, "{\"session_id\": \"x\",\n \"tasks\": [{\"dataset_name\": \"d\"}]}");
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("task 1 has no model_name");
  }
}
