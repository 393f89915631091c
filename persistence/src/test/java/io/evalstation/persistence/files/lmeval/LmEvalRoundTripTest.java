package io.evalstation.persistence.files.lmeval;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.SamplePrediction;
import io.evalstation.persistence.files.TaskMetric;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.MetricEntry;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.RunInfo;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.SampleLine;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.TaskSummary;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link LmEvalWriter} writes, {@link LmEvalResults} and {@link LmEvalSamples} read back. */
class LmEvalRoundTripTest {

  @Test
  void resultsAndSamplesReadBackAsWritten(@TempDir Path out) throws Exception {
    RunInfo info =
        new RunInfo(
            "vllm",
            "Qwen/Qwen3-8B",
            "pretrained=Qwen/Qwen3-8B,dtype=bfloat16",
            "2025-10-03T06-11-59.628304",
            1_759_471_919.25,
            "0.4.8",
            "e4a7b69",
            "4.51.3",
            "auto",
            100.0,
            160.5,
            Map.of());
    Path runDir;
    try (LmEvalWriter run = LmEvalWriter.create(out, info)) {
      runDir = run.runDirectory();
      try (LmEvalWriter.SamplesWriter s = run.openSamples("gsm8k")) {
        s.write(
            new SampleLine(
                0,
                Map.of("question", "1+1?"),
                "2",
                List.of(List.of("Question: 1+1?", "{'until': []}")),
                List.of(List.of("The answer is 2")),
                List.of("2"),
                "strict-match",
                List.of("exact_match"),
                "dh",
                "ph",
                "th",
                Map.of("exact_match", 1.0)));
      }
      run.addTask(
          new TaskSummary(
              "gsm8k",
              3.0,
              5,
              List.of(
                  new MetricEntry("exact_match", "strict-match", 0.5, 0.1),
                  new MetricEntry("exact_match", "flexible-extract", 0.6, null)),
              Map.of("exact_match", true),
              1319,
              1,
              Map.of("task", "gsm8k"),
              "hash"));
    }
    assertThat(runDir.getFileName().toString()).isEqualTo("Qwen__Qwen3-8B");
    Path resultsFile = runDir.resolve(LmEvalFormat.resultsFileName(info.dateId()));
    LmEvalResults r;
    try (InputStream in = Files.newInputStream(resultsFile)) {
      r = LmEvalResults.read(resultsFile, in);
    }
    assertThat(r.dateId()).isEqualTo(info.dateId());
    assertThat(r.modelName()).isEqualTo("Qwen/Qwen3-8B");
    assertThat(r.modelArg("pretrained")).isEqualTo("Qwen/Qwen3-8B");
    assertThat(r.backend()).isEqualTo("vllm");
    assertThat(r.date()).isEqualTo(1_759_471_919.25);
    assertThat(r.totalSeconds()).isEqualTo(60.5);
    LmEvalResults.TaskResult t = r.tasks().get(0);
    assertThat(t.name()).isEqualTo("gsm8k");
    assertThat(t.samplesProcessed()).isEqualTo(1);
    assertThat(t.originalCount()).isEqualTo(1319);
    assertThat(t.metrics())
        .containsExactly(
            new TaskMetric("exact_match", "strict-match", 0.5, 0.1),
            new TaskMetric("exact_match", "flexible-extract", 0.6, null));
    assertThat(t.provenance().path("versions").asDouble()).isEqualTo(3.0);

    Path samples = runDir.resolve(LmEvalFormat.samplesFileName("gsm8k", info.dateId()));
    assertThat(LmEvalFormat.taskOfSamplesFile(samples.getFileName().toString(), info.dateId()))
        .isEqualTo("gsm8k");
    List<SamplePrediction> read = new ArrayList<>();
    try (InputStream in = Files.newInputStream(samples)) {
      LmEvalSamples.read(samples, in, read::add);
    }
    SamplePrediction p = read.get(0);
    assertThat(p.sampleId()).isZero();
    assertThat(p.filter()).isEqualTo("strict-match");
    assertThat(p.prompt()).isEqualTo("Question: 1+1?");
    assertThat(p.prediction()).isEqualTo("The answer is 2");
    assertThat(p.filteredPrediction()).isEqualTo("2");
    assertThat(p.groundTruth()).isEqualTo("2");
    assertThat(p.correct()).isTrue();
    assertThat(p.promptHash()).isEqualTo("ph");
    assertThat(JsonFiles.text(p.sampleMetrics())).isEqualTo("{\"exact_match\":1.0}");
    assertThat(p.extra()).containsKeys("doc", "arguments", "target_hash", "metrics");
  }
}
