package io.evalstation.persistence.sample;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes one lm-evaluation-harness run in the layout of harness versions 0.4.3–0.4.11: {@code
 * <dir>/<model_name_sanitized>/results_<date_id>.json} plus one {@code
 * samples_<task>_<date_id>.jsonl} per task, shaped like the files the harness writes with {@code
 * --output_path … --log_samples}.
 *
 * <p>Samples are streamed, one JSON line per (document, filter), through a Jackson {@link
 * JsonGenerator}; only the per-task summaries (a few numbers each) are kept until {@link #close}
 * writes the results file. Files appear under their final names only when complete.
 */
public final class LmEvalWriter implements AutoCloseable {
  private static final ObjectMapper CODEC = new ObjectMapper();
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
      return modelName.replace("/", "__");
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
    Path target = runDir.resolve("samples_" + task + "_" + info.dateId() + ".jsonl");
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
    Path target = runDir.resolve("results_" + info.dateId() + ".json");
    Path temp = runDir.resolve(target.getFileName() + ".part");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
      JsonGenerator g = CODEC.getFactory().createGenerator(out, JsonEncoding.UTF8);
      g.setCodec(CODEC);
      g.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));
      writeResults(g);
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
  }

  private void writeResults(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("results");
    for (TaskSummary t : tasks) {
      g.writeObjectFieldStart(t.task());
      g.writeStringField("alias", t.task());
      for (MetricEntry m : t.metrics()) {
        g.writeNumberField(m.metric() + "," + m.filter(), m.value());
        String se = m.metric() + "_stderr," + m.filter();
        if (m.stderr() == null) {
          g.writeStringField(se, "N/A");
        } else {
          g.writeNumberField(se, m.stderr());
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("group_subtasks");
    for (TaskSummary t : tasks) {
      g.writeArrayFieldStart(t.task());
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("configs");
    for (TaskSummary t : tasks) {
      g.writeFieldName(t.task());
      g.writeObject(t.config());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("versions");
    for (TaskSummary t : tasks) {
      g.writeNumberField(t.task(), t.version());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("n-shot");
    for (TaskSummary t : tasks) {
      g.writeNumberField(t.task(), t.nShot());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("higher_is_better");
    for (TaskSummary t : tasks) {
      g.writeFieldName(t.task());
      g.writeObject(t.higherIsBetter());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("n-samples");
    for (TaskSummary t : tasks) {
      g.writeObjectFieldStart(t.task());
      g.writeNumberField("original", t.originalSamples());
      g.writeNumberField("effective", t.effectiveSamples());
      g.writeEndObject();
    }
    g.writeEndObject();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", info.modelSource());
    config.put("model_args", info.modelArgs());
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
    g.writeFieldName("config");
    g.writeObject(config);
    g.writeStringField("git_hash", info.gitHash());
    g.writeNumberField("date", info.date());
    g.writeStringField("pretty_env_info", "PyTorch version: 2.7.0\nIs CUDA available: True");
    g.writeStringField("transformers_version", info.transformersVersion());
    g.writeStringField("lm_eval_version", info.lmEvalVersion());
    g.writeNullField("upper_git_hash");
    g.writeObjectFieldStart("task_hashes");
    for (TaskSummary t : tasks) {
      g.writeStringField(t.task(), t.taskHash());
    }
    g.writeEndObject();
    g.writeStringField("model_source", info.modelSource());
    g.writeStringField("model_name", info.modelName());
    g.writeStringField("model_name_sanitized", info.modelNameSanitized());
    g.writeNullField("system_instruction");
    g.writeNullField("system_instruction_sha");
    g.writeBooleanField("fewshot_as_multiturn", false);
    g.writeNullField("chat_template");
    g.writeNullField("chat_template_sha");
    for (Map.Entry<String, ?> e : info.extra().entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeObject(e.getValue());
    }
    g.writeNumberField("start_time", info.startTime());
    g.writeNumberField("end_time", info.endTime());
    // The harness writes this one as a string.
    g.writeStringField(
        "total_evaluation_time_seconds", Double.toString(info.endTime() - info.startTime()));
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** Streams one samples file, one JSON object per line. */
  public static final class SamplesWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private final JsonGenerator gen;
    private long lines;
    private boolean closed;

    private SamplesWriter(Path target) {
      this.target = target;
      this.temp = target.resolveSibling(target.getFileName() + ".part");
      try {
        this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        this.gen = CODEC.getFactory().createGenerator(out, JsonEncoding.UTF8);
        gen.setCodec(CODEC);
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
        gen.writeNumberField("doc_id", s.docId());
        gen.writeFieldName("doc");
        gen.writeObject(s.doc());
        gen.writeStringField("target", s.target());
        gen.writeObjectFieldStart("arguments");
        for (int i = 0; i < s.arguments().size(); i++) {
          gen.writeObjectFieldStart("gen_args_" + i);
          List<?> args = s.arguments().get(i);
          for (int a = 0; a < args.size(); a++) {
            gen.writeFieldName("arg_" + a);
            gen.writeObject(args.get(a));
          }
          gen.writeEndObject();
        }
        gen.writeEndObject();
        gen.writeFieldName("resps");
        gen.writeObject(s.resps());
        gen.writeFieldName("filtered_resps");
        gen.writeObject(s.filteredResps());
        gen.writeStringField("filter", s.filter());
        gen.writeFieldName("metrics");
        gen.writeObject(s.metrics());
        gen.writeStringField("doc_hash", s.docHash());
        gen.writeStringField("prompt_hash", s.promptHash());
        gen.writeStringField("target_hash", s.targetHash());
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
      try {
        gen.writeRaw('\n');
        gen.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot finish " + target, e);
      }
    }
  }
}
