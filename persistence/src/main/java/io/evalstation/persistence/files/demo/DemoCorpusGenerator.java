package io.evalstation.persistence.files.demo;

import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.SamplePrediction;
import io.evalstation.persistence.files.demo.DemoAnswers.Answer;
import io.evalstation.persistence.files.demo.DemoAnswers.Doc;
import io.evalstation.persistence.files.demo.DemoCatalog.DemoDataset;
import io.evalstation.persistence.files.demo.DemoCatalog.DemoModel;
import io.evalstation.persistence.files.demo.SampleProblems.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
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
      JsonLayout layout) {
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
          sessions, seed, Format.LEGACY, 0, LocalDate.of(2025, 9, 1), 4, JsonLayout.PRETTY);
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

    public Options withLayout(JsonLayout l) {
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

  record Gpu(String type, double memoryGib, String nodePrefix) {}

  private static final List<Gpu> GPUS =
      List.of(
          new Gpu("H100", 80, "gpu-h100-"),
          new Gpu("A100", 80, "gpu-a100-"),
          new Gpu("A100-40GB", 40, "gpu-a100s-"),
          new Gpu("L40S", 48, "gpu-l40s-"));

  record Plan(String category, List<String> models, List<String> datasets) {}

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
  final DemoAnswers answers;
  private final Set<String> stamps = new HashSet<>();
  int files;
  long legacyPredictions;
  long lmEvalLines;
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

  /** The options this generator writes with. */
  Options options() {
    return options;
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
  static final class TaskPlan {
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
      new DemoLegacySession(this)
          .write(legacyDir, stamp, plan, start, gpu, node, jobId, plans, crashed, oldStyle, rnd);
    } else {
      // The timings must be the same whichever formats are written.
      simulateTimes(plans, stamp);
    }
    if (options.format().lmEval()) {
      new DemoLmEvalRun(this).write(out.resolve("lm-eval").resolve(stamp), stamp, plans);
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
  void runTask(TaskPlan tp, String stamp, Consumer<SamplePrediction> sink) {
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
      exec += o.seconds();
      tp.processed++;
      if (o.correct()) {
        tp.correct++;
      }
      if (o.answer().extracted().equals(doc.problem().answer())
          || o.correct() && tp.dataset.kind() != Kind.MATH) {
        tp.strictCorrect++;
      }
      if (sink != null) {
        sink.accept(
            SamplePrediction.of(
                s,
                doc.promptHash(),
                o.answer().text(),
                doc.groundTruth(),
                round(o.seconds(), 3),
                o.correct(),
                Map.of()));
      }
    }
    tp.execTotal = exec;
    tp.end = tp.start.plusSeconds(30 + (long) exec);
    if ("TIME_LIMIT".equals(tp.failure)) {
      tp.end = tp.start.plusHours(4);
    }
  }

  record Outcome(boolean correct, Answer answer, double seconds) {}

  Outcome outcome(DemoModel m, DemoDataset d, Doc doc, long sessionSeed) {
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

  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }
}
