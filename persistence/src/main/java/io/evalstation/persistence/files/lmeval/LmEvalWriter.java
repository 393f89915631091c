package io.evalstation.persistence.files.lmeval;

import static io.evalstation.persistence.files.lmeval.LmEvalFormat.*;

import com.fasterxml.jackson.core.JsonGenerator;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.JsonLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes one lm-evaluation-harness run ({@link LmEvalFormat}) in the layout of harness versions
 * 0.4.3–0.4.11: {@code <dir>/<model_name_sanitized>/results_<date_id>.json} plus one {@code
 * samples_<task>_<date_id>.jsonl} per task, shaped like the files the harness writes with {@code
 * --output_path … --log_samples}.
 *
 * <p>Samples are streamed, one JSON line per (document, filter), through a Jackson {@link
 * JsonGenerator}; only the per-task summaries (a few numbers each) are kept until {@link #close}
 * writes the results file. Files appear under their final names only when complete.
 */
public final class LmEvalWriter implements AutoCloseable {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:-]+");

  /**
   * The run-level fields of the results file.
   *
   * @param modelSource lm-eval model type, e.g. {@code vllm}, {@code hf}
   * @param modelName e.g. {@code Qwen/Qwen3-8B}; may be empty
   * @param modelArgs the {@code model_args} string
   * @param dateId {@code date_id} in file names, e.g. {@code 2025-09-19T04-22-41.123456}
   * @param date unix time the run finished
   * @param lmEvalVersion e.g. {@code 0.4.8}
   * @param gitHash harness commit; may be null
   * @param transformersVersion e.g. {@code 4.51.3}
   * @param batchSize e.g. {@code auto} or a number as text
   * @param startTime monotonic clock at the start (not a date)
   * @param endTime monotonic clock at the end
   * @param extra further top-level fields (kept in order); may be empty
   */
  public record RunInfo(
      String modelSource,
      String modelName,
      String modelArgs,
      String dateId,
      double date,
      String lmEvalVersion,
      String gitHash,
      String transformersVersion,
      String batchSize,
      double startTime,
      double endTime,
      Map<String, ?> extra) {
    public RunInfo {
      Objects.requireNonNull(modelSource, "modelSource");
      Objects.requireNonNull(modelName, "modelName");
      if (!SAFE.matcher(dateId).matches()) {
        throw new IllegalArgumentException("date id must be safe in a file name: " + dateId);
      }
      extra = extra == null ? Map.of() : extra;
    }

    /** {@code model_name_sanitized}: the harness replaces {@code /} with {@code __}. */
    public String modelNameSanitized() {
      return sanitizedModelName(modelName);
    }
  }

  /**
   * One metric of a task: its value and stderr for one filter.
   *
   * @param metric e.g. {@code exact_match}, {@code pass@1}, {@code acc}
   * @param filter e.g. {@code strict-match}, {@code none}
   * @param value the aggregated value
   * @param stderr the standard error, or null to write {@code "N/A"}
   */
  public record MetricEntry(String metric, String filter, double value, Double stderr) {}

  /**
   * What the results file says about one task.
   *
   * @param task task name (also the samples file's)
   * @param version task version
   * @param nShot number of few-shot examples
   * @param metrics the metrics, in order
   * @param higherIsBetter metric name to direction
   * @param originalSamples documents in the dataset
   * @param effectiveSamples documents evaluated
   * @param config the task's entry in {@code configs}, written as given
   * @param taskHash the harness's task hash
   */
  public record TaskSummary(
      String task,
      double version,
      int nShot,
      List<MetricEntry> metrics,
      Map<String, Boolean> higherIsBetter,
      int originalSamples,
      int effectiveSamples,
      Map<String, ?> config,
      String taskHash) {
    public TaskSummary {
      if (!SAFE.matcher(task).matches()) {
        throw new IllegalArgumentException("task name must be safe in a file name: " + task);
      }
      metrics = List.copyOf(metrics);
    }
  }

  /**
   * One line of a samples file.
   *
   * @param docId the document's index
   * @param doc the document, written as given (a map of its fields)
   * @param target the reference answer
   * @param arguments the request arguments: one list of {@code arg_N} values per request
   * @param resps raw responses: one list per request
   * @param filteredResps filtered responses: one per request
   * @param filter the filter's name
   * @param metrics names of the metrics computed on this line
   * @param docHash hash of the document
   * @param promptHash hash of the prompt
   * @param targetHash hash of the target
   * @param metricValues metric name to this sample's value, written after the hashes
   */
  public record SampleLine(
      int docId,
      Map<String, ?> doc,
      String target,
      List<List<?>> arguments,
      List<List<?>> resps,
      List<?> filteredResps,
      String filter,
      List<String> metrics,
      String docHash,
      String promptHash,
      String targetHash,
      Map<String, ?> metricValues) {}

  private final Path runDir;
  private final RunInfo info;
  private final List<TaskSummary> tasks = new ArrayList<>();
  private boolean closed;

  private LmEvalWriter(Path runDir, RunInfo info) {
    this.runDir = runDir;
    this.info = info;
  }

  /** Starts a run under {@code outputPath} (the harness's {@code --output_path}). */
  public static LmEvalWriter create(Path outputPath, RunInfo info) {
    Path dir = outputPath.resolve(info.modelNameSanitized());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return new LmEvalWriter(dir, info);
  }

  /** The folder the run's files go to. */
  public Path runDirectory() {
    return runDir;
  }

  /** Opens {@code samples_<task>_<date_id>.jsonl}; the caller writes lines and closes it. */
  public SamplesWriter openSamples(String task) {
    if (!SAFE.matcher(task).matches()) {
      throw new IllegalArgumentException("task name must be safe in a file name: " + task);
    }
    Path target = runDir.resolve(samplesFileName(task, info.dateId()));
    return new SamplesWriter(target);
  }

  /** Records a task for the results file (written on {@link #close}). */
  public void addTask(TaskSummary summary) {
    tasks.add(summary);
  }

  /** Writes {@code results_<date_id>.json}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Path target = runDir.resolve(resultsFileName(info.dateId()));
    Path temp = JsonFiles.partFile(target);
    try (JsonGenerator g = JsonFiles.generator(temp, JsonLayout.PRETTY)) {
      writeResults(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
    JsonFiles.moveIntoPlace(temp, target);
  }

  private void writeResults(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart(RESULTS);
    for (TaskSummary t : tasks) {
      g.writeObjectFieldStart(t.task());
      g.writeStringField(ALIAS, t.task());
      for (MetricEntry m : t.metrics()) {
        g.writeNumberField(valueKey(m.metric(), m.filter()), m.value());
        String se = stderrKey(m.metric(), m.filter());
        if (m.stderr() == null) {
          g.writeStringField(se, "N/A");
        } else {
          g.writeNumberField(se, m.stderr());
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeObjectFieldStart(GROUP_SUBTASKS);
    for (TaskSummary t : tasks) {
      g.writeArrayFieldStart(t.task());
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeObjectFieldStart(CONFIGS);
    for (TaskSummary t : tasks) {
      g.writeFieldName(t.task());
      g.writeObject(t.config());
    }
    g.writeEndObject();
    g.writeObjectFieldStart(VERSIONS);
    for (TaskSummary t : tasks) {
      g.writeNumberField(t.task(), t.version());
    }
    g.writeEndObject();
    g.writeObjectFieldStart(N_SHOT);
    for (TaskSummary t : tasks) {
      g.writeNumberField(t.task(), t.nShot());
    }
    g.writeEndObject();
    g.writeObjectFieldStart(HIGHER_IS_BETTER);
    for (TaskSummary t : tasks) {
      g.writeFieldName(t.task());
      g.writeObject(t.higherIsBetter());
    }
    g.writeEndObject();
    g.writeObjectFieldStart(N_SAMPLES);
    for (TaskSummary t : tasks) {
      g.writeObjectFieldStart(t.task());
      g.writeNumberField(ORIGINAL, t.originalSamples());
      g.writeNumberField(EFFECTIVE, t.effectiveSamples());
      g.writeEndObject();
    }
    g.writeEndObject();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(MODEL, info.modelSource());
    config.put(MODEL_ARGS, info.modelArgs());
    config.put("batch_size", info.batchSize());
    config.put("batch_sizes", List.of());
    config.put("device", null);
    config.put("use_cache", null);
    config.put("limit", null);
    config.put("bootstrap_iters", 100000);
    config.put("gen_kwargs", null);
    config.put("random_seed", 0);
    config.put("numpy_seed", 1234);
    config.put("torch_seed", 1234);
    config.put("fewshot_seed", 1234);
    g.writeFieldName(CONFIG);
    g.writeObject(config);
    g.writeStringField(GIT_HASH, info.gitHash());
    g.writeNumberField(DATE, info.date());
    g.writeStringField("pretty_env_info", "PyTorch version: 2.7.0\nIs CUDA available: True");
    g.writeStringField(TRANSFORMERS_VERSION, info.transformersVersion());
    g.writeStringField(LM_EVAL_VERSION, info.lmEvalVersion());
    g.writeNullField("upper_git_hash");
    g.writeObjectFieldStart(TASK_HASHES);
    for (TaskSummary t : tasks) {
      g.writeStringField(t.task(), t.taskHash());
    }
    g.writeEndObject();
    g.writeStringField(MODEL_SOURCE, info.modelSource());
    g.writeStringField(MODEL_NAME, info.modelName());
    g.writeStringField(MODEL_NAME_SANITIZED, info.modelNameSanitized());
    g.writeNullField("system_instruction");
    g.writeNullField("system_instruction_sha");
    g.writeBooleanField("fewshot_as_multiturn", false);
    g.writeNullField("chat_template");
    g.writeNullField("chat_template_sha");
    for (Map.Entry<String, ?> e : info.extra().entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeObject(e.getValue());
    }
    g.writeNumberField(START_TIME, info.startTime());
    g.writeNumberField(END_TIME, info.endTime());
    // The harness writes this one as a string.
    g.writeStringField(
        TOTAL_EVALUATION_TIME_SECONDS, Double.toString(info.endTime() - info.startTime()));
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** Streams one samples file, one JSON object per line. */
  public static final class SamplesWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final JsonGenerator gen;
    private long lines;
    private boolean closed;

    private SamplesWriter(Path target) {
      this.target = target;
      this.temp = JsonFiles.partFile(target);
      try {
        this.gen = JsonFiles.generator(temp, JsonLayout.COMPACT);
        // One object per line: the root separator is the newline.
        gen.setRootValueSeparator(null);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }

    /** Appends one line. */
    public void write(SampleLine s) {
      try {
        if (lines > 0) {
          gen.writeRaw('\n');
        }
        gen.writeStartObject();
        gen.writeNumberField(DOC_ID, s.docId());
        gen.writeFieldName(DOC);
        gen.writeObject(s.doc());
        gen.writeStringField(TARGET, s.target());
        gen.writeObjectFieldStart(ARGUMENTS);
        for (int i = 0; i < s.arguments().size(); i++) {
          gen.writeObjectFieldStart(requestKey(i));
          List<?> args = s.arguments().get(i);
          for (int a = 0; a < args.size(); a++) {
            gen.writeFieldName(argumentKey(a));
            gen.writeObject(args.get(a));
          }
          gen.writeEndObject();
        }
        gen.writeEndObject();
        gen.writeFieldName(RESPS);
        gen.writeObject(s.resps());
        gen.writeFieldName(FILTERED_RESPS);
        gen.writeObject(s.filteredResps());
        gen.writeStringField(FILTER, s.filter());
        gen.writeFieldName(METRICS);
        gen.writeObject(s.metrics());
        gen.writeStringField(DOC_HASH, s.docHash());
        gen.writeStringField(PROMPT_HASH, s.promptHash());
        gen.writeStringField(TARGET_HASH, s.targetHash());
        for (Map.Entry<String, ?> e : s.metricValues().entrySet()) {
          gen.writeFieldName(e.getKey());
          gen.writeObject(e.getValue());
        }
        gen.writeEndObject();
        lines++;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write line " + (lines + 1) + " of " + target, e);
      }
    }

    /** Lines written so far. */
    public long lines() {
      return lines;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      JsonFiles.finish(gen, true, temp, target);
    }
  }
}
