package io.evalstation.persistence.files.demo;

import static io.evalstation.persistence.files.demo.DemoCorpusGenerator.mix;
import static io.evalstation.persistence.files.demo.DemoCorpusGenerator.round;
import static io.evalstation.persistence.files.demo.DemoCorpusGenerator.unit;

import io.evalstation.persistence.files.demo.DemoAnswers.Doc;
import io.evalstation.persistence.files.demo.DemoCatalog.DemoDataset;
import io.evalstation.persistence.files.demo.DemoCatalog.DemoModel;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Outcome;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.TaskPlan;
import io.evalstation.persistence.files.demo.SampleProblems.Kind;
import io.evalstation.persistence.files.lmeval.LmEvalWriter;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.MetricEntry;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.RunInfo;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.SampleLine;
import io.evalstation.persistence.files.lmeval.LmEvalWriter.TaskSummary;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one session of the demo corpus as lm-evaluation-harness output: one harness run per model
 * (its successful tasks), with a samples line per document and filter and the results file.
 */
final class DemoLmEvalRun {
  private static final DateTimeFormatter DATE_ID =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSSSSS");

  private final DemoCorpusGenerator generator;

  DemoLmEvalRun(DemoCorpusGenerator generator) {
    this.generator = generator;
  }

  void write(Path dir, String stamp, List<TaskPlan> plans) {
    Map<DemoModel, List<TaskPlan>> byModel = new LinkedHashMap<>();
    for (TaskPlan tp : plans) {
      if (tp.failure == null && !tp.missingResults) {
        byModel.computeIfAbsent(tp.model, k -> new ArrayList<>()).add(tp);
      }
    }
    long sessionSeed = mix(generator.options().seed(), stamp.hashCode());
    for (Map.Entry<DemoModel, List<TaskPlan>> e : byModel.entrySet()) {
      DemoModel m = e.getKey();
      List<TaskPlan> runTasks = e.getValue();
      LocalDateTime finished = runTasks.get(runTasks.size() - 1).end;
      double duration =
          java.time.Duration.between(runTasks.get(0).start, finished).toMillis() / 1000.0;
      double mono = 10_000 + (mix(sessionSeed, m.name().hashCode()) & 0xffff);
      RunInfo info =
          new RunInfo(
              m.backend(),
              m.hfId(),
              "pretrained="
                  + m.hfId()
                  + ",dtype=bfloat16"
                  + (m.backend().equals("vllm") ? ",gpu_memory_utilization=0.9" : ""),
              DATE_ID.format(
                  finished.withNano((int) (Math.floorMod(sessionSeed, 1_000_000)) * 1000)),
              finished.toEpochSecond(ZoneOffset.UTC) + 0.25,
              "0.4.8",
              "e4a7b69",
              "4.51.3",
              "auto",
              mono,
              mono + duration,
              Map.of());
      try (LmEvalWriter run = LmEvalWriter.create(dir, info)) {
        for (TaskPlan tp : runTasks) {
          run.addTask(writeSamples(run, tp, m, sessionSeed));
        }
      }
      generator.files += runTasks.size() + 1;
    }
  }

  private TaskSummary writeSamples(LmEvalWriter run, TaskPlan tp, DemoModel m, long sessionSeed) {
    DemoDataset d = tp.dataset;
    List<String> filters =
        switch (d.kind()) {
          case MATH -> List.of("strict-match", "flexible-extract");
          case CODE -> List.of("create_test");
          case CHOICE -> List.of("none");
        };
    String metric =
        switch (d.kind()) {
          case MATH -> "exact_match";
          case CODE -> "pass@1";
          case CHOICE -> "acc";
        };
    int[] hits = new int[filters.size()];
    int normHits = 0;
    int n = tp.processed;
    Map<String, Object> genKwargs = new LinkedHashMap<>();
    genKwargs.put("until", List.of("Question:", "</s>", "<|im_end|>"));
    genKwargs.put("do_sample", false);
    genKwargs.put("temperature", 0.0);
    String kwargsRepr =
        "{'until': ['Question:', '</s>', '<|im_end|>'], 'do_sample': False, 'temperature': 0.0}";
    try (LmEvalWriter.SamplesWriter sw = run.openSamples(d.name())) {
      for (int s = 0; s < n; s++) {
        Doc doc = generator.answers.doc(d, tp.datasetIndex, s);
        Outcome o = generator.outcome(m, d, doc, sessionSeed);
        Map<String, Object> docMap = docMap(doc);
        for (int f = 0; f < filters.size(); f++) {
          String filter = filters.get(f);
          List<List<?>> args;
          List<List<?>> resps;
          List<?> filtered;
          Map<String, Object> values = new LinkedHashMap<>();
          if (d.kind() == Kind.CHOICE) {
            List<String> choices = doc.problem().choices();
            List<List<?>> a = new ArrayList<>();
            List<List<?>> r = new ArrayList<>();
            List<Object> fr = new ArrayList<>();
            String picked = o.answer().extracted();
            for (int c = 0; c < choices.size(); c++) {
              a.add(List.of(doc.prompt(), " " + choices.get(c)));
              boolean chosen = String.valueOf((char) ('A' + c)).equals(picked);
              double ll = round(chosen ? -0.4 - c * 0.01 : -2.5 - c * 0.3, 4);
              List<Object> pair = List.of(ll, false);
              r.add(List.of(pair));
              fr.add(pair);
            }
            args = a;
            resps = r;
            filtered = fr;
            boolean norm = o.correct() != (unit(mix(sessionSeed ^ 77, s)) < 0.03);
            values.put("acc", o.correct() ? 1.0 : 0.0);
            values.put("acc_norm", norm ? 1.0 : 0.0);
            if (o.correct()) {
              hits[f]++;
            }
            if (norm) {
              normHits++;
            }
          } else {
            args = List.of(List.of(doc.prompt(), kwargsRepr));
            resps = List.of(List.of(o.answer().text()));
            boolean ok;
            String extracted;
            if (d.kind() == Kind.MATH) {
              extracted =
                  filter.equals("strict-match") ? o.answer().extracted() : o.answer().lenient();
              ok = extracted.equals(doc.problem().answer());
            } else {
              extracted = o.answer().extracted();
              ok = o.correct();
            }
            filtered = List.of(extracted);
            values.put(metric, ok ? 1.0 : 0.0);
            if (ok) {
              hits[f]++;
            }
          }
          sw.write(
              new SampleLine(
                  s,
                  docMap,
                  doc.groundTruth(),
                  args,
                  resps,
                  filtered,
                  filter,
                  d.kind() == Kind.CHOICE ? List.of("acc", "acc_norm") : List.of(metric),
                  doc.docHash(),
                  doc.promptHash(),
                  doc.targetHash(),
                  values));
        }
      }
      generator.lmEvalLines += sw.lines();
    }
    List<MetricEntry> metrics = new ArrayList<>();
    Map<String, Boolean> hib = new LinkedHashMap<>();
    for (int f = 0; f < filters.size(); f++) {
      double v = n == 0 ? 0 : (double) hits[f] / n;
      metrics.add(new MetricEntry(metric, filters.get(f), v, stderr(v, n)));
    }
    hib.put(metric, true);
    if (d.kind() == Kind.CHOICE) {
      double v = n == 0 ? 0 : (double) normHits / n;
      metrics.add(new MetricEntry("acc_norm", "none", v, stderr(v, n)));
      hib.put("acc_norm", true);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("task", d.name());
    config.put("dataset_path", "evalstation/" + d.name());
    config.put("test_split", "test");
    config.put(
        "doc_to_text", d.kind() == Kind.CODE ? "{{prompt}}" : "Question: {{question}}\nAnswer:");
    config.put("doc_to_target", d.kind() == Kind.CODE ? "{{canonical_solution}}" : "{{answer}}");
    config.put("num_fewshot", d.kind() == Kind.MATH ? 5 : 0);
    config.put("output_type", d.kind() == Kind.CHOICE ? "multiple_choice" : "generate_until");
    if (d.kind() != Kind.CHOICE) {
      config.put("generation_kwargs", genKwargs);
    }
    config.put("repeats", 1);
    config.put("metadata", Map.of("version", 1.0));
    return new TaskSummary(
        d.name(),
        d.kind() == Kind.MATH ? 3.0 : 1.0,
        d.kind() == Kind.MATH ? 5 : 0,
        metrics,
        hib,
        d.sampleCount(),
        n,
        config,
        DemoAnswers.sha256("task:" + d.name() + ":" + n));
  }

  private static Map<String, Object> docMap(Doc doc) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (doc.dataset().kind()) {
      case CODE -> {
        m.put("task_id", doc.dataset().name() + "/" + doc.sampleId());
        m.put("prompt", doc.prompt());
        m.put("canonical_solution", doc.problem().solution());
        m.put("test", doc.problem().tests());
        m.put("entry_point", doc.problem().entryPoint());
      }
      case MATH -> {
        m.put("question", doc.problem().prompt());
        m.put("answer", doc.problem().solution());
      }
      case CHOICE -> {
        m.put("id", doc.problem().id() + "/" + doc.sampleId());
        m.put("question", doc.problem().prompt());
        m.put("choices", Map.of("text", doc.problem().choices()));
        m.put("answerKey", doc.groundTruth());
      }
    }
    return m;
  }

  private static Double stderr(double p, int n) {
    return n < 2 ? null : Math.sqrt(p * (1 - p) / (n - 1));
  }
}
