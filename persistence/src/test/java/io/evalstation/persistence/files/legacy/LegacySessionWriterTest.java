package io.evalstation.persistence.files.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.SamplePrediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacySessionWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesTheDocumentedShape(@TempDir Path dir) throws Exception {
    LocalDateTime start = LocalDateTime.of(2025, 9, 19, 4, 22, 41);
    Map<String, LegacyModel> models = new LinkedHashMap<>();
    models.put(
        "qwen3_8b", new LegacyModel("qwen3", 8_190_735_360L, "general", "vllm", null, Map.of()));
    Map<String, LegacyDataset> datasets = new LinkedHashMap<>();
    datasets.put(
        "humaneval",
        new LegacyDataset(
            "code_generation", "coding", 164, "data/humaneval.jsonl", null, Map.of()));
    LegacySession header =
        new LegacySession(
            "20250919_042241",
            "coding_specialists",
            null,
            start,
            start.plusHours(3),
            "completed",
            4821137L,
            "gpu-h100-017",
            "H100",
            2,
            1,
            null,
            models,
            datasets,
            Map.of("queue", "gpu"));
    try (LegacySessionWriter w = LegacySessionWriter.create(dir, header, JsonLayout.PRETTY)) {
      w.writeTask(
          LegacyTask.of(
              1,
              "qwen3_8b",
              "humaneval",
              "balanced",
              164,
              start,
              start.plusMinutes(40),
              true,
              null,
              new LegacyResults(164, Map.of("pass_at_1", 0.7012), 1.84, Map.of()),
              LegacyFormat.predictionsFileName("20250919_042241", 1)));
      w.writeTask(
          LegacyTask.of(
              2,
              "qwen3_8b",
              "humaneval",
              null,
              null,
              start.plusMinutes(41),
              start.plusMinutes(42),
              false,
              "CUDA out of memory. Tried to allocate 2.00 GiB",
              null,
              null));
      w.writePerformance(
          LegacyPerformance.of(
              OffsetDateTime.of(start, ZoneOffset.ofHours(2)), 87.5, 61.2, 12.4, "n1"));
      try (LegacyPredictionsWriter p = w.openPredictions(1, "qwen3_8b", "humaneval")) {
        p.write(SamplePrediction.of(0, "ab", "def f():\n    return 1", "1", 1.12, true, Map.of()));
        p.write(SamplePrediction.of(1, "cd", "x", "y", null, null, Map.of("note", "n")));
      }
    }
    JsonNode s = JSON.readTree(dir.resolve("evaluation_session_20250919_042241.json").toFile());
    assertThat(s.get("start_time").asText()).isEqualTo("2025-09-19T04:22:41");
    assertThat(s.get("slurm_job_id").isIntegralNumber()).isTrue();
    assertThat(s.get("queue").asText()).isEqualTo("gpu");
    assertThat(s.at("/models/qwen3_8b/parameter_count").asLong()).isEqualTo(8_190_735_360L);
    assertThat(s.at("/datasets/humaneval/sample_count").asInt()).isEqualTo(164);
    assertThat(s.get("tasks")).hasSize(2);
    assertThat(s.at("/tasks/0/results/evaluation_metrics/pass_at_1").asDouble()).isEqualTo(0.7012);
    assertThat(s.at("/tasks/0/predictions_file").asText())
        .isEqualTo("predictions_20250919_042241_task1.json");
    assertThat(s.at("/tasks/1/results").isNull()).isTrue();
    assertThat(s.at("/tasks/1/predictions_file").isMissingNode()).isTrue();
    assertThat(s.at("/performance_metrics/0/timestamp").asText())
        .isEqualTo("2025-09-19T04:22:41+02:00");
    JsonNode p = JSON.readTree(dir.resolve("predictions_20250919_042241_task1.json").toFile());
    assertThat(p.get("task_index").asInt()).isEqualTo(1);
    assertThat(p.get("predictions")).hasSize(2);
    assertThat(p.at("/predictions/0/correct").asBoolean()).isTrue();
    assertThat(p.at("/predictions/1/correct").isMissingNode()).isTrue();
    assertThat(p.at("/predictions/1/note").asText()).isEqualTo("n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }
}
