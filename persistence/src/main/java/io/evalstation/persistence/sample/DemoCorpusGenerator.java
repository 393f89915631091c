package io.evalstation.persistence.sample;

import io.evalstation.persistence.sample.DemoAnswers.Answer;
import io.evalstation.persistence.sample.DemoAnswers.Doc;
import io.evalstation.persistence.sample.DemoCatalog.DemoDataset;
import io.evalstation.persistence.sample.DemoCatalog.DemoModel;
import io.evalstation.persistence.sample.LegacySessionWriter.DatasetEntry;
import io.evalstation.persistence.sample.LegacySessionWriter.Layout;
import io.evalstation.persistence.sample.LegacySessionWriter.ModelEntry;
import io.evalstation.persistence.sample.LegacySessionWriter.PerformanceEntry;
import io.evalstation.persistence.sample.LegacySessionWriter.PredictionEntry;
import io.evalstation.persistence.sample.LegacySessionWriter.SessionHeader;
import io.evalstation.persistence.sample.LegacySessionWriter.TaskEntry;
import io.evalstation.persistence.sample.LegacySessionWriter.TaskResults;
import io.evalstation.persistence.sample.LmEvalWriter.MetricEntry;
import io.evalstation.persistence.sample.LmEvalWriter.RunInfo;
import io.evalstation.persistence.sample.LmEvalWriter.SampleLine;
import io.evalstation.persistence.sample.LmEvalWriter.TaskSummary;
import io.evalstation.persistence.sample.SampleProblems.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a deterministic demo corpus of evaluation sessions: the same options and seed give the
 * same bytes. Sessions follow each other over several weeks; each evaluates one to three models of
 * the {@link DemoCatalog} on two to four datasets, with a per-model ability that makes leaderboards
 * differ consistently, failures (CUDA out of memory, SLURM time limit, a crashed session), GPU
 * performance samples, and predictions of realistic length built from the shipped {@link
 * SampleProblems}.
 *
 * <p>Output layout under the output folder: {@code legacy/evaluation_session_<stamp>.json} and
 * {@code legacy/predictions_<stamp>_task<N>.json}; {@code lm-eval/<stamp>/<model>/results_….json}
 * and {@code samples_<task>_….jsonl} (one harness run per model of a session, failed tasks left out
 * as the harness would).
 */
public final class DemoCorpusGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCorpusGenerator.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
  private static final DateTimeFormatter DATE_ID =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSSSSS");

  /** Which formats to write. */
  public enum Format {
    /** The legacy session files only. */
    LEGACY,
    /** lm-evaluation-harness output only. */
    LM_EVAL,
    /** Both. */
    BOTH;

    /** Parses {@code legacy}, {@code lm-eval} or {@code both}. */
    public static Format parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "legacy" -> LEGACY;
        case "lm-eval", "lm_eval", "lmeval" -> LM_EVAL;
        case "both" -> BOTH;
        default ->
            throw new IllegalArgumentException(
                "format must be legacy, lm-eval or both, not '" + text + "'");
      };
    }

    boolean legacy() {
      return this != LM_EVAL;
    }

    boolean lmEval() {
      return this != LEGACY;
    }
  }

  /**
   * What to generate.
   *
   * @param sessions number of sessions, at least 1
   * @param seed the seed; equal seeds give equal bytes
   * @param format which formats
   * @param predictionsPerTask predictions per task, or 0 for each dataset's usual sample limit
   * @param firstDay the day the first session starts
   * @param weeks over how many weeks the sessions spread, at least 1
   * @param layout pretty or compact JSON for the legacy files
   */
  public record Options(
      int sessions,
      long seed,
      Format format,
      int predictionsPerTask,
      LocalDate firstDay,
      int weeks,
      Layout layout) {
    public Options {
      if (sessions < 1) {
        throw new IllegalArgumentException("sessions must be at least 1, not " + sessions);
      }
      if (predictionsPerTask < 0) {
        throw new IllegalArgumentException(
            "predictions per task must be 0 (dataset default) or more, not " + predictionsPerTask);
      }
      if (weeks < 1) {
        throw new IllegalArgumentException("weeks must be at least 1, not " + weeks);
      }
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(firstDay, "firstDay");
      Objects.requireNonNull(layout, "layout");
    }

    /** Defaults: legacy format, dataset sample limits, four weeks from 2025-09-01, pretty. */
    public static Options of(int sessions, long seed) {
      return new Options(
          sessions, seed, Format.LEGACY, 0, LocalDate.of(2025, 9, 1), 4, Layout.PRETTY);
    }

    public Options withFormat(Format f) {
      return new Options(sessions, seed, f, predictionsPerTask, firstDay, weeks, layout);
    }

    public Options withPredictionsPerTask(int k) {
      return new Options(sessions, seed, format, k, firstDay, weeks, layout);
    }

    public Options withWeeks(int w) {
      return new Options(sessions, seed, format, predictionsPerTask, firstDay, w, layout);
    }

    public Options withLayout(Layout l) {
      return new Options(sessions, seed, format, predictionsPerTask, firstDay, weeks, l);
    }
  }

  /**
   * What was written.
   *
   * @param sessions sessions generated
   * @param tasks tasks, failed ones included
   * @param failedTasks tasks that failed
   * @param legacyPredictions predictions in legacy predictions files
   * @param lmEvalSampleLines lines in lm-eval samples files
   * @param files files written
   * @param bytes bytes written
   */
  public record Summary(
      int sessions,
      int tasks,
      int failedTasks,
      long legacyPredictions,
      long lmEvalSampleLines,
      int files,
      long bytes) {}

  private record Gpu(String type, double memoryGib, String nodePrefix) {}

  private static final List<Gpu> GPUS =
      List.of(
          new Gpu("H100", 80, "gpu-h100-"),
          new Gpu("A100", 80, "gpu-a100-"),
          new Gpu("A100-40GB", 40, "gpu-a100s-"),
          new Gpu("L40S", 48, "gpu-l40s-"));

  private record Plan(String category, List<String> models, List<String> datasets) {}

  private static final List<Plan> PLANS =
      List.of(
          new Plan(
              "coding_specialists",
              List.of("deepseek_coder_6.7b", "codestral_22b", "qwen3_8b", "qwen3_32b", "llama3_8b"),
              List.of("humaneval", "mbpp", "bigcodebench")),
          new Plan(
              "math_reasoning",
              List.of(
                  "qwen2.5_math_7b", "qwen3_8b", "phi_4", "llama3_8b", "mistral_7b", "qwen3_32b"),
              List.of("gsm8k", "math500")),
          new Plan(
              "general_knowledge",
              List.of("llama3_70b", "llama3_8b", "mistral_7b", "phi_4", "qwen3_8b", "qwen3_0.6b"),
              List.of("arc_challenge", "mmlu", "gsm8k")),
          new Plan(
              "model_sweep",
              List.of(
                  "qwen3_0.6b",
                  "qwen3_8b",
                  "qwen3_32b",
                  "llama3_8b",
                  "llama3_70b",
                  "mistral_7b",
                  "phi_4",
                  "codestral_22b",
                  "deepseek_coder_6.7b"),
              List.of("humaneval", "mbpp", "gsm8k", "arc_challenge", "math500")));

  private final Options options;
  private final DemoAnswers answers;
  private final Set<String> stamps = new HashSet<>();
  private int files;
  private long legacyPredictions;
  private long lmEvalLines;
  private int tasks;
  private int failedTasks;

  /** A generator for these options, drawing on the shipped sample problems. */
  public DemoCorpusGenerator(Options options) {
    this(options, SampleProblems.load());
  }

  /** A generator for these options and problems. */
  public DemoCorpusGenerator(Options options, SampleProblems problems) {
    this.options = Objects.requireNonNull(options, "options");
    this.answers = new DemoAnswers(problems);
  }

  /** Writes the corpus under {@code out} (created if missing) and says what was written. */
  public Summary generate(Path out) {
    long started = System.nanoTime();
    for (int i = 0; i < options.sessions(); i++) {
      generateSession(out, i);
    }
    long bytes = sizeOf(out);
    LOG.info(
        "demo corpus: {} sessions, {} legacy predictions, {} lm-eval lines, {} MB in {} ms",
        options.sessions(),
        legacyPredictions,
        lmEvalLines,
        bytes >> 20,
        (System.nanoTime() - started) / 1_000_000);
    return new Summary(
        options.sessions(), tasks, failedTasks, legacyPredictions, lmEvalLines, files, bytes);
  }

  private static long sizeOf(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + dir, e);
    }
  }

  /** One task as planned, before writing. */
  private static final class TaskPlan {
    int index;
    DemoModel model;
    DemoDataset dataset;
    int datasetIndex;
    int limit;
    String preset;
    LocalDateTime start;
    LocalDateTime end;
    String failure;
    boolean missingResults;
    // Filled while writing predictions.
    int processed;
    int correct;
    int strictCorrect;
    double execTotal;
  }

  private void generateSession(Path out, int sessionIndex) {
    SplittableRandom rnd = new SplittableRandom(mix(options.seed(), sessionIndex));
    Plan plan = PLANS.get(rnd.nextInt(PLANS.size()));
    List<String> models = pick(rnd, plan.models(), 1 + rnd.nextInt(3));
    List<String> datasets =
        pick(rnd, plan.datasets(), Math.min(plan.datasets().size(), 2 + rnd.nextInt(2)));

    long spanSeconds = options.weeks() * 7L * 86_400L;
    long slot = spanSeconds / options.sessions();
    long offset = sessionIndex * slot + (slot > 1 ? rnd.nextLong(Math.max(1, slot / 2)) : 0);
    LocalDateTime start = options.firstDay().atStartOfDay().plusSeconds(offset);
    // Researchers submit in working hours more often than not.
    if (slot > 86_400 && rnd.nextInt(4) > 0) {
      start = start.withHour(8 + rnd.nextInt(12));
    }
    String stamp = STAMP.format(start);
    while (!stamps.add(stamp)) {
      start = start.plusSeconds(1);
      stamp = STAMP.format(start);
    }

    Gpu gpu = GPUS.get(rnd.nextInt(GPUS.size()));
    String node = gpu.nodePrefix() + String.format(Locale.ROOT, "%03d", 1 + rnd.nextInt(40));
    long jobId = 4_000_000L + sessionIndex * 137L + rnd.nextInt(100);
    boolean crashed = options.sessions() >= 5 && rnd.nextInt(25) == 0;
    boolean oldStyle = rnd.nextInt(5) == 0;

    List<TaskPlan> plans = new ArrayList<>();
    LocalDateTime t = start.plusSeconds(4 + rnd.nextInt(20));
    int index = 1;
    for (String m : models) {
      for (String d : datasets) {
        TaskPlan tp = new TaskPlan();
        tp.index = index++;
        tp.model = DemoCatalog.model(m);
        tp.dataset = DemoCatalog.dataset(d);
        tp.datasetIndex = DemoCatalog.DATASETS.indexOf(tp.dataset);
        tp.preset = rnd.nextInt(3) == 0 ? "thorough" : "balanced";
        tp.limit =
            options.predictionsPerTask() > 0
                ? options.predictionsPerTask()
                : Math.min(tp.dataset.sampleCount(), tp.preset.equals("thorough") ? 1000 : 500);
        tp.start = t;
        // Out of memory: more likely the tighter the model fits the GPU.
        double fill = tp.model.memoryGib() / gpu.memoryGib();
        double oom = fill > 1.0 ? 0.3 : fill > 0.8 ? 0.1 : 0.015;
        if (rnd.nextDouble() < oom) {
          tp.failure =
              String.format(
                  Locale.ROOT,
                  "CUDA out of memory. Tried to allocate %.2f GiB (GPU 0; %.2f GiB total capacity;"
                      + " %.2f GiB already allocated)",
                  0.5 + rnd.nextInt(8) * 0.25,
                  gpu.memoryGib() - 0.85,
                  gpu.memoryGib() - 2.1);
        } else if (rnd.nextDouble() < 0.04) {
          tp.failure = "TIME_LIMIT";
        }
        plans.add(tp);
        t = t.plusSeconds(3 + rnd.nextInt(10));
      }
    }
    if (crashed) {
      plans.get(plans.size() - 1).missingResults = true;
    }

    Path legacyDir = out.resolve("legacy");
    if (options.format().legacy()) {
      writeLegacy(legacyDir, stamp, plan, start, gpu, node, jobId, plans, crashed, oldStyle, rnd);
    } else {
      // The timings must be the same whichever formats are written.
      simulateTimes(plans, stamp);
    }
    if (options.format().lmEval()) {
      writeLmEval(out.resolve("lm-eval").resolve(stamp), stamp, plans);
    }
    for (TaskPlan tp : plans) {
      tasks++;
      if (tp.failure != null || tp.missingResults) {
        failedTasks++;
      }
    }
  }

  private void simulateTimes(List<TaskPlan> plans, String stamp) {
    LocalDateTime t = plans.get(0).start;
    for (TaskPlan tp : plans) {
      tp.start = t;
      runTask(tp, stamp, null);
      t = tp.end.plusSeconds(3 + tp.index % 6);
    }
  }

  /**
   * Decides every prediction of a task (writing them when {@code sink} is given) and sets the
   * task's end time and totals.
   */
  private void runTask(TaskPlan tp, String stamp, LegacySessionWriter.PredictionsWriter sink) {
    long sessionSeed = mix(options.seed(), stamp.hashCode());
    if (tp.failure != null && !tp.failure.equals("TIME_LIMIT")) {
      // Out of memory while loading the weights.
      tp.end = tp.start.plusSeconds(40 + (long) (tp.model.memoryGib() * 2));
      return;
    }
    int n = tp.failure == null && !tp.missingResults ? tp.limit : tp.limit / 2;
    double exec = 0;
    for (int s = 0; s < n; s++) {
      Doc doc = answers.doc(tp.dataset, tp.datasetIndex, s);
      Outcome o = outcome(tp.model, tp.dataset, doc, sessionSeed);
      exec += o.seconds;
      tp.processed++;
      if (o.correct) {
        tp.correct++;
      }
      if (o.answer.extracted().equals(doc.problem().answer())
          || o.correct && tp.dataset.kind() != Kind.MATH) {
        tp.strictCorrect++;
      }
      if (sink != null) {
        sink.write(
            new PredictionEntry(
                s,
                doc.promptHash(),
                o.answer.text(),
                doc.groundTruth(),
                round(o.seconds, 3),
                o.correct,
                Map.of()));
      }
    }
    tp.execTotal = exec;
    tp.end = tp.start.plusSeconds(30 + (long) exec);
    if ("TIME_LIMIT".equals(tp.failure)) {
      tp.end = tp.start.plusHours(4);
    }
  }

  private record Outcome(boolean correct, Answer answer, double seconds) {}

  private Outcome outcome(DemoModel m, DemoDataset d, Doc doc, long sessionSeed) {
    int mi = DemoCatalog.MODELS.indexOf(m);
    long docKey = mix(d.name().hashCode(), doc.sampleId());
    double ease = (unit(mix(docKey, 17)) - 0.5) * 5.0;
    double logit = m.ability(d.kind()) - d.difficulty() + ease;
    double p = 1.0 / (1.0 + Math.exp(-logit));
    boolean correct = unit(mix(docKey, 1000 + mi)) < p;
    // Runs of the same model differ a little (sampling, batching).
    if (unit(mix(mix(sessionSeed, docKey), mi)) < 0.05) {
      correct = !correct;
    }
    int variant = (int) (mix(docKey, mi * 31L + 7) & 0x7fffffff);
    Answer a = answers.answer(doc, correct, m.chatty(), variant);
    double tokens = a.text().length() / 3.6 + 20;
    double seconds = tokens / m.tokensPerSecond() * (0.7 + 0.6 * unit(mix(docKey, mi + 99)));
    return new Outcome(correct, a, seconds);
  }

  private void writeLegacy(
      Path dir,
      String stamp,
      Plan plan,
      LocalDateTime start,
      Gpu gpu,
      String node,
      long jobId,
      List<TaskPlan> plans,
      boolean crashed,
      boolean oldStyle,
      SplittableRandom rnd) {
    Map<String, ModelEntry> models = new LinkedHashMap<>();
    Map<String, DatasetEntry> datasets = new LinkedHashMap<>();
    for (TaskPlan tp : plans) {
      DemoModel m = tp.model;
      models.putIfAbsent(
          m.name(),
          new ModelEntry(
              m.family(), m.parameterCount(), m.specialization(), m.backend(), Map.of()));
      DemoDataset d = tp.dataset;
      datasets.putIfAbsent(
          d.name(),
          new DatasetEntry(
              d.taskType(),
              d.category(),
              d.sampleCount(),
              "data/" + d.name() + ".jsonl",
              Map.of()));
    }
    // Predictions first: the task entries need their totals and end times.
    LocalDateTime t = plans.get(0).start;
    for (TaskPlan tp : plans) {
      tp.start = t;
      if (tp.failure == null || tp.failure.equals("TIME_LIMIT")) {
        try (LegacySessionWriter.PredictionsWriter pw =
            LegacySessionWriter.PredictionsWriter.create(
                dir,
                stamp,
                tp.index,
                tp.model.name(),
                tp.dataset.name(),
                Map.of(),
                options.layout())) {
          runTask(tp, stamp, pw);
          legacyPredictions += pw.count();
        }
        files++;
      } else {
        runTask(tp, stamp, null);
      }
      t = tp.end.plusSeconds(3 + tp.index % 6);
    }
    LocalDateTime end = plans.get(plans.size() - 1).end.plusSeconds(5);
    int successes = 0;
    for (TaskPlan tp : plans) {
      if (tp.failure == null && !tp.missingResults) {
        successes++;
      }
    }
    String status = crashed ? "running" : successes == 0 ? "failed" : "completed";
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("cluster", "hpc-" + gpu.type().toLowerCase(Locale.ROOT).replace("-40gb", ""));
    extra.put("gpu_count", gpuCount(plans, gpu));
    SessionHeader header =
        new SessionHeader(
            stamp,
            plan.category(),
            start,
            crashed ? null : end,
            status,
            jobId,
            node,
            gpu.type(),
            plans.size(),
            successes,
            models,
            datasets,
            extra);
    try (LegacySessionWriter w = LegacySessionWriter.create(dir, header, options.layout())) {
      for (TaskPlan tp : plans) {
        w.writeTask(legacyTask(stamp, tp, jobId, node, oldStyle));
      }
      writePerformance(w, plans, gpu, node, rnd);
    }
    files++;
  }

  private TaskEntry legacyTask(
      String stamp, TaskPlan tp, long jobId, String node, boolean oldStyle) {
    boolean hasPredictions = tp.failure == null || tp.failure.equals("TIME_LIMIT");
    String error = null;
    TaskResults results = null;
    if (tp.failure != null) {
      error =
          tp.failure.equals("TIME_LIMIT")
              ? "slurmstepd: error: *** JOB "
                  + jobId
                  + " ON "
                  + node
                  + " CANCELLED AT "
                  + LegacySessionWriter.formatTime(tp.end)
                  + " DUE TO TIME LIMIT ***"
              : tp.failure;
    } else if (!tp.missingResults) {
      double value = tp.processed == 0 ? 0 : (double) tp.correct / tp.processed;
      Map<String, Double> metrics = new LinkedHashMap<>();
      String metric = tp.dataset.metric();
      // Older pipeline versions wrote pass@1; the format doc says both mean the same.
      metrics.put(oldStyle && metric.equals("pass_at_1") ? "pass@1" : metric, round(value, 4));
      metrics.put("accuracy", round(value, 4));
      if (tp.dataset.kind() == Kind.MATH) {
        metrics.put("strict_exact_match", round((double) tp.strictCorrect / tp.processed, 4));
      }
      results =
          new TaskResults(
              tp.processed,
              metrics,
              round(tp.processed == 0 ? 0 : tp.execTotal / tp.processed, 3),
              Map.of());
    }
    return new TaskEntry(
        tp.index,
        tp.model.name(),
        tp.dataset.name(),
        tp.preset,
        tp.limit,
        tp.start,
        tp.missingResults ? null : tp.end,
        tp.failure == null && !tp.missingResults,
        error,
        results,
        hasPredictions ? LegacySessionWriter.predictionsFileName(stamp, tp.index) : null,
        Map.of());
  }

  private static int gpuCount(List<TaskPlan> plans, Gpu gpu) {
    double need = plans.stream().mapToDouble(tp -> tp.model.memoryGib()).max().orElse(1);
    return need > gpu.memoryGib() * 2 ? 4 : need > gpu.memoryGib() ? 2 : 1;
  }

  private static void writePerformance(
      LegacySessionWriter w, List<TaskPlan> plans, Gpu gpu, String node, SplittableRandom rnd) {
    LocalDateTime first = plans.get(0).start;
    LocalDateTime last = plans.get(plans.size() - 1).end;
    long total = java.time.Duration.between(first, last).getSeconds();
    // About one sample a minute, at most 240 a session.
    long step = Math.max(60, total / 240);
    int ti = 0;
    for (long s = 15; s <= total; s += step) {
      LocalDateTime at = first.plusSeconds(s);
      while (ti < plans.size() - 1 && at.isAfter(plans.get(ti).end)) {
        ti++;
      }
      TaskPlan tp = plans.get(ti);
      boolean busy = !at.isBefore(tp.start) && !at.isAfter(tp.end) && tp.processed > 0;
      double mem = Math.min(97.5, 100.0 * tp.model.memoryGib() / (gpu.memoryGib() * 1.0));
      double util = busy ? 70 + rnd.nextDouble() * 28 : rnd.nextDouble() * 8;
      double memory = busy ? mem * (0.9 + rnd.nextDouble() * 0.1) : 2 + rnd.nextDouble() * 3;
      double throughput =
          busy ? tp.model.tokensPerSecond() / 60.0 * (0.8 + rnd.nextDouble() * 0.4) * 10 : 0;
      w.writePerformance(
          new PerformanceEntry(
              at, round(util, 1), round(memory, 1), round(throughput, 2), node, Map.of()));
    }
  }

  private void writeLmEval(Path dir, String stamp, List<TaskPlan> plans) {
    Map<DemoModel, List<TaskPlan>> byModel = new LinkedHashMap<>();
    for (TaskPlan tp : plans) {
      if (tp.failure == null && !tp.missingResults) {
        byModel.computeIfAbsent(tp.model, k -> new ArrayList<>()).add(tp);
      }
    }
    long sessionSeed = mix(options.seed(), stamp.hashCode());
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
      files += runTasks.size() + 1;
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
        Doc doc = answers.doc(d, tp.datasetIndex, s);
        Outcome o = outcome(m, d, doc, sessionSeed);
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
            String picked = o.answer.extracted();
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
            boolean norm = o.correct != (unit(mix(sessionSeed ^ 77, s)) < 0.03);
            values.put("acc", o.correct ? 1.0 : 0.0);
            values.put("acc_norm", norm ? 1.0 : 0.0);
            if (o.correct) {
              hits[f]++;
            }
            if (norm) {
              normHits++;
            }
          } else {
            args = List.of(List.of(doc.prompt(), kwargsRepr));
            resps = List.of(List.of(o.answer.text()));
            boolean ok;
            String extracted;
            if (d.kind() == Kind.MATH) {
              extracted = filter.equals("strict-match") ? o.answer.extracted() : o.answer.lenient();
              ok = extracted.equals(doc.problem().answer());
            } else {
              extracted = o.answer.extracted();
              ok = o.correct;
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
      lmEvalLines += sw.lines();
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

  private static <T> List<T> pick(SplittableRandom rnd, List<T> from, int count) {
    List<T> pool = new ArrayList<>(from);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      out.add(pool.remove(rnd.nextInt(pool.size())));
    }
    return out;
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  /** splitmix64 of two values: a stable, well-spread hash for per-sample decisions. */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }
}
