package io.evalstation.persistence.files.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Format;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Options;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Summary;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCorpusGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, byte[]> contents(Path root) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesSameBytesAndOtherSeedDoesNot(@TempDir Path dir) throws Exception {
    Options o = Options.of(6, 42).withFormat(Format.BOTH).withPredictionsPerTask(30);
    new DemoCorpusGenerator(o).generate(dir.resolve("a"));
    new DemoCorpusGenerator(o).generate(dir.resolve("b"));
    new DemoCorpusGenerator(Options.of(6, 43).withFormat(Format.BOTH).withPredictionsPerTask(30))
        .generate(dir.resolve("c"));
    Map<String, byte[]> a = contents(dir.resolve("a"));
    Map<String, byte[]> b = contents(dir.resolve("b"));
    assertThat(a).isNotEmpty();
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String k : a.keySet()) {
      assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
    }
    assertThat(contents(dir.resolve("c")).keySet()).isNotEqualTo(a.keySet());
  }

  @Test
  void legacyFilesMatchTheFormatDoc(@TempDir Path dir) throws Exception {
    Summary sum =
        new DemoCorpusGenerator(Options.of(30, 7).withPredictionsPerTask(20)).generate(dir);
    Path legacy = dir.resolve("legacy");
    List<Path> sessions;
    try (Stream<Path> s = Files.list(legacy)) {
      sessions =
          s.filter(p -> p.getFileName().toString().startsWith("evaluation_session_"))
              .sorted()
              .toList();
    }
    assertThat(sessions).hasSize(30);
    Set<String> models = new HashSet<>();
    Set<String> datasets = new HashSet<>();
    Set<String> errors = new HashSet<>();
    Set<String> statuses = new HashSet<>();
    long predictions = 0;
    int tasks = 0;
    for (Path f : sessions) {
      JsonNode s = JSON.readTree(f.toFile());
      String stamp = s.get("session_id").asText();
      assertThat(f.getFileName().toString()).isEqualTo("evaluation_session_" + stamp + ".json");
      assertThat(stamp).matches("\\d{8}_\\d{6}");
      assertThat(s.get("start_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
      assertThat(s.get("slurm_job_id").isIntegralNumber()).isTrue();
      assertThat(s.get("total_tasks").asInt()).isEqualTo(s.get("tasks").size());
      statuses.add(s.get("status").asText());
      s.get("models")
          .fields()
          .forEachRemaining(
              e -> {
                models.add(e.getKey());
                assertThat(e.getValue().get("parameter_count").isIntegralNumber()).isTrue();
                assertThat(e.getValue().get("model_family").isTextual()).isTrue();
              });
      s.get("datasets")
          .fields()
          .forEachRemaining(
              e -> {
                datasets.add(e.getKey());
                assertThat(e.getValue().get("sample_count").isInt()).isTrue();
              });
      int successes = 0;
      for (JsonNode t : s.get("tasks")) {
        tasks++;
        assertThat(s.get("models").has(t.get("model_name").asText())).isTrue();
        assertThat(s.get("datasets").has(t.get("dataset_name").asText())).isTrue();
        assertThat(t.get("task_index").isInt()).isTrue();
        if (t.get("success").asBoolean()) {
          successes++;
          JsonNode r = t.get("results");
          assertThat(r.get("samples_processed").isInt()).isTrue();
          r.get("evaluation_metrics")
              .fields()
              .forEachRemaining(m -> assertThat(m.getValue().isNumber()).as(m.getKey()).isTrue());
          assertThat(t.get("error_message").isNull()).isTrue();
        } else if (!t.get("error_message").isNull()) {
          errors.add(t.get("error_message").asText().replaceAll("[0-9.]+", "#"));
        }
        if (t.has("predictions_file")) {
          JsonNode p = JSON.readTree(legacy.resolve(t.get("predictions_file").asText()).toFile());
          assertThat(p.get("session_id").asText()).isEqualTo(stamp);
          assertThat(p.get("task_index").asInt()).isEqualTo(t.get("task_index").asInt());
          assertThat(p.get("model_name").asText()).isEqualTo(t.get("model_name").asText());
          for (JsonNode pred : p.get("predictions")) {
            predictions++;
            assertThat(pred.get("sample_id").isInt()).isTrue();
            assertThat(pred.get("prompt_hash").asText()).matches("[0-9a-f]{64}");
            assertThat(pred.get("prediction").isTextual()).isTrue();
            assertThat(pred.get("ground_truth").isTextual()).isTrue();
            assertThat(pred.get("execution_time").isNumber()).isTrue();
            assertThat(pred.get("correct").isBoolean()).isTrue();
          }
          if (t.get("success").asBoolean()) {
            assertThat(p.get("predictions").size())
                .isEqualTo(t.at("/results/samples_processed").asInt());
          }
        }
      }
      assertThat(s.get("success_count").asInt()).isEqualTo(successes);
      for (JsonNode perf : s.get("performance_metrics")) {
        assertThat(perf.get("gpu_utilization").asDouble()).isBetween(0.0, 100.0);
        assertThat(perf.get("memory_usage").asDouble()).isBetween(0.0, 100.0);
        assertThat(perf.get("throughput").asDouble()).isGreaterThanOrEqualTo(0.0);
      }
      assertThat(s.get("performance_metrics")).isNotEmpty();
    }
    assertThat(predictions).isEqualTo(sum.legacyPredictions());
    assertThat(tasks).isEqualTo(sum.tasks());
    assertThat(models).hasSizeGreaterThanOrEqualTo(6);
    assertThat(datasets).hasSizeGreaterThanOrEqualTo(5);
    assertThat(String.join("|", errors))
        .contains("CUDA out of memory")
        .contains("DUE TO TIME LIMIT");
    assertThat(statuses).contains("completed");
  }

  @Test
  void lmEvalFilesAreShapedLikeTheHarnessOutput(@TempDir Path dir) throws Exception {
    new DemoCorpusGenerator(Options.of(4, 11).withFormat(Format.LM_EVAL).withPredictionsPerTask(25))
        .generate(dir);
    List<Path> results;
    try (Stream<Path> s = Files.walk(dir.resolve("lm-eval"))) {
      results =
          s.filter(p -> p.getFileName().toString().matches("results_.*\\.json")).sorted().toList();
    }
    assertThat(results).isNotEmpty();
    for (Path r : results) {
      JsonNode res = JSON.readTree(r.toFile());
      for (String key :
          List.of(
              "results",
              "group_subtasks",
              "configs",
              "versions",
              "n-shot",
              "higher_is_better",
              "n-samples",
              "config",
              "git_hash",
              "date",
              "lm_eval_version",
              "task_hashes",
              "model_name",
              "model_name_sanitized",
              "start_time",
              "end_time",
              "total_evaluation_time_seconds")) {
        assertThat(res.has(key)).as(r + " has " + key).isTrue();
      }
      assertThat(r.getParent().getFileName().toString())
          .isEqualTo(res.get("model_name_sanitized").asText());
      assertThat(res.get("date").isDouble()).isTrue();
      assertThat(res.get("total_evaluation_time_seconds").isTextual()).isTrue();
      assertThat(res.at("/config/model_args").isTextual()).isTrue();
      String dateId = r.getFileName().toString().replaceAll("^results_|\\.json$", "");
      var it = res.get("results").fields();
      while (it.hasNext()) {
        var task = it.next();
        String name = task.getKey();
        assertThat(res.at("/n-samples/" + name + "/effective").isInt()).isTrue();
        Path samples = r.resolveSibling("samples_" + name + "_" + dateId + ".jsonl");
        assertThat(samples).exists();
        // Recompute every metric of the results file from the samples file.
        Map<String, double[]> sums = new HashMap<>();
        Set<Integer> docs = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(samples)) {
          String line;
          while ((line = in.readLine()) != null) {
            JsonNode s = JSON.readTree(line);
            for (String f :
                List.of(
                    "doc_id",
                    "doc",
                    "target",
                    "arguments",
                    "resps",
                    "filtered_resps",
                    "filter",
                    "metrics",
                    "doc_hash",
                    "prompt_hash",
                    "target_hash")) {
              assertThat(s.has(f)).as(samples + " line has " + f).isTrue();
            }
            assertThat(s.at("/arguments/gen_args_0/arg_0").isTextual()).isTrue();
            assertThat(s.get("resps").isArray()).isTrue();
            docs.add(s.get("doc_id").asInt());
            for (JsonNode m : s.get("metrics")) {
              String key = m.asText() + "," + s.get("filter").asText();
              if (m.asText().equals("acc_norm")) {
                key = "acc_norm,none";
              }
              double[] acc = sums.computeIfAbsent(key, k -> new double[2]);
              acc[0] += s.get(m.asText()).asDouble();
              acc[1]++;
            }
          }
        }
        assertThat(docs).hasSize(res.at("/n-samples/" + name + "/effective").asInt());
        List<String> metricKeys = new ArrayList<>();
        task.getValue().fieldNames().forEachRemaining(metricKeys::add);
        for (String key : metricKeys) {
          if (key.equals("alias") || key.contains("_stderr,")) {
            continue;
          }
          double[] acc = sums.get(key);
          assertThat(acc).as(name + " " + key).isNotNull();
          assertThat(task.getValue().get(key).asDouble())
              .isCloseTo(acc[0] / acc[1], org.assertj.core.data.Offset.offset(1e-12));
        }
      }
    }
  }

  @Test
  void leaderboardsAreConsistentAcrossDatasets(@TempDir Path dir) throws Exception {
    new DemoCorpusGenerator(Options.of(60, 5).withPredictionsPerTask(80)).generate(dir);
    // model -> dataset -> [correct, total]
    Map<String, Map<String, long[]>> score = new HashMap<>();
    try (Stream<Path> s = Files.list(dir.resolve("legacy"))) {
      for (Path f : s.filter(p -> p.getFileName().toString().startsWith("predictions_")).toList()) {
        JsonNode p = JSON.readTree(f.toFile());
        long[] acc =
            score
                .computeIfAbsent(p.get("model_name").asText(), k -> new HashMap<>())
                .computeIfAbsent(p.get("dataset_name").asText(), k -> new long[2]);
        for (JsonNode pred : p.get("predictions")) {
          acc[0] += pred.get("correct").asBoolean() ? 1 : 0;
          acc[1]++;
        }
      }
    }
    int compared = 0;
    for (String[] pair :
        List.of(
            new String[] {"qwen3_32b", "qwen3_0.6b"},
            new String[] {"llama3_70b", "llama3_8b"},
            new String[] {"codestral_22b", "qwen3_0.6b"})) {
      Map<String, long[]> strong = score.getOrDefault(pair[0], Map.of());
      Map<String, long[]> weak = score.getOrDefault(pair[1], Map.of());
      for (String ds : strong.keySet()) {
        if (weak.containsKey(ds) && strong.get(ds)[1] >= 80 && weak.get(ds)[1] >= 80) {
          double a = (double) strong.get(ds)[0] / strong.get(ds)[1];
          double b = (double) weak.get(ds)[0] / weak.get(ds)[1];
          assertThat(a).as(pair[0] + " beats " + pair[1] + " on " + ds).isGreaterThan(b);
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(3);
  }

  @Test
  void badOptionsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> Options.of(0, 1)).hasMessageContaining("0");
    assertThatThrownBy(() -> Format.parse("xml")).hasMessageContaining("xml");
  }
}
