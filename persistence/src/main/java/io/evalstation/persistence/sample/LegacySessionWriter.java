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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes one evaluation session in the legacy file format ({@code
 * shared/formats/legacy-session.md}): {@code evaluation_session_<stamp>.json} plus one {@code
 * predictions_<stamp>_task<N>.json} per task that has predictions.
 *
 * <p>Everything is streamed through a Jackson {@link JsonGenerator}: the session file is written
 * header first, then one task at a time, then the performance samples; a predictions file one
 * prediction at a time. Nothing but the current element is held in memory, so sessions and
 * prediction files of any size can be written (the demo corpus and {@code export-session} both rely
 * on that).
 *
 * <p>Order of calls: {@link #create}, any number of {@link #writeTask}, any number of {@link
 * #writePerformance}, {@link #close}. {@link #openPredictions} may be called at any time; each
 * predictions file is independent and must be closed by the caller. Files are first written under a
 * temporary name and moved into place on close, so a reader never sees half a file.
 *
 * <p>Times are written as given: a {@link LocalDateTime} zone-less (as the cluster pipeline did),
 * an {@link OffsetDateTime}/{@link ZonedDateTime} with its offset, an {@link Instant} in UTC.
 */
public final class LegacySessionWriter implements AutoCloseable {
  private static final Pattern STAMP = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  /** Whether files are indented (as Python's {@code json.dump(indent=2)} wrote them) or compact. */
  public enum Layout {
    /** Two-space indentation, one field per line. */
    PRETTY,
    /** No whitespace; smallest files. */
    COMPACT
  }

  /**
   * A model entry of the session's {@code models} map.
   *
   * @param family model family, e.g. {@code qwen3}; may be null
   * @param parameterCount number of parameters; may be null
   * @param specialization e.g. {@code general}, {@code code}, {@code math}; may be null
   * @param backend inference backend, e.g. {@code vllm}; may be null
   * @param extra further fields, written as they are; may be empty
   */
  public record ModelEntry(
      String family,
      Long parameterCount,
      String specialization,
      String backend,
      Map<String, ?> extra) {
    public ModelEntry {
      extra = extra == null ? Map.of() : extra;
    }
  }

  /**
   * A dataset entry of the session's {@code datasets} map.
   *
   * @param taskType e.g. {@code code_generation}; may be null
   * @param category e.g. {@code coding}; may be null
   * @param sampleCount number of samples in the dataset; may be null
   * @param filePath where the dataset file was on the cluster; may be null
   * @param extra further fields; may be empty
   */
  public record DatasetEntry(
      String taskType,
      String category,
      Integer sampleCount,
      String filePath,
      Map<String, ?> extra) {
    public DatasetEntry {
      extra = extra == null ? Map.of() : extra;
    }
  }

  /**
   * The session-level fields written before the tasks.
   *
   * @param sessionId the session stamp, e.g. {@code 20250919_042241}; names the files
   * @param category session category; may be null
   * @param startTime when the session started; may be null
   * @param endTime when it ended; null for a session that never finished
   * @param status {@code completed}, {@code failed}, {@code running}…
   * @param slurmJobId SLURM job id; may be null
   * @param nodeName compute node; may be null
   * @param gpuType e.g. {@code H100}; may be null
   * @param totalTasks number of tasks; may be null
   * @param successCount number of successful tasks; may be null
   * @param models the {@code models} map in order; null leaves the map out (older sessions)
   * @param datasets the {@code datasets} map in order; null leaves the map out
   * @param extra further session fields; may be empty
   */
  public record SessionHeader(
      String sessionId,
      String category,
      Temporal startTime,
      Temporal endTime,
      String status,
      Long slurmJobId,
      String nodeName,
      String gpuType,
      Integer totalTasks,
      Integer successCount,
      Map<String, ModelEntry> models,
      Map<String, DatasetEntry> datasets,
      Map<String, ?> extra) {
    public SessionHeader {
      Objects.requireNonNull(sessionId, "sessionId");
      if (!STAMP.matcher(sessionId).matches()) {
        throw new IllegalArgumentException(
            "session id must be letters, digits, '_', '.' or '-' (it names files): " + sessionId);
      }
      Objects.requireNonNull(status, "status");
      extra = extra == null ? Map.of() : extra;
    }
  }

  /**
   * The {@code results} object of a successful task.
   *
   * @param samplesProcessed number of samples evaluated; may be null
   * @param evaluationMetrics metric name to value, in order ({@code pass_at_1}, {@code accuracy}…)
   * @param averageExecutionTime seconds per sample; may be null
   * @param extra further fields; may be empty
   */
  public record TaskResults(
      Integer samplesProcessed,
      Map<String, Double> evaluationMetrics,
      Double averageExecutionTime,
      Map<String, ?> extra) {
    public TaskResults {
      evaluationMetrics = evaluationMetrics == null ? Map.of() : evaluationMetrics;
      extra = extra == null ? Map.of() : extra;
    }
  }

  /**
   * One element of the session's {@code tasks} array.
   *
   * @param taskIndex the task's index (1-based in files written by the pipeline)
   * @param modelName key into the {@code models} map
   * @param datasetName key into the {@code datasets} map
   * @param preset e.g. {@code balanced}; may be null
   * @param sampleLimit may be null
   * @param startTime may be null
   * @param endTime may be null
   * @param success whether the task succeeded
   * @param errorMessage why it failed; null when it succeeded
   * @param results null for a failed task
   * @param predictionsFile the predictions file's name, or null when there is none
   * @param extra further fields; may be empty
   */
  public record TaskEntry(
      int taskIndex,
      String modelName,
      String datasetName,
      String preset,
      Integer sampleLimit,
      Temporal startTime,
      Temporal endTime,
      boolean success,
      String errorMessage,
      TaskResults results,
      String predictionsFile,
      Map<String, ?> extra) {
    public TaskEntry {
      Objects.requireNonNull(modelName, "modelName");
      Objects.requireNonNull(datasetName, "datasetName");
      extra = extra == null ? Map.of() : extra;
    }
  }

  /**
   * One element of {@code performance_metrics}.
   *
   * @param timestamp when the sample was taken
   * @param gpuUtilization percent; may be null
   * @param memoryUsage percent of GPU memory; may be null
   * @param throughput samples per second; may be null
   * @param nodeName may be null
   * @param extra further fields; may be empty
   */
  public record PerformanceEntry(
      Temporal timestamp,
      Double gpuUtilization,
      Double memoryUsage,
      Double throughput,
      String nodeName,
      Map<String, ?> extra) {
    public PerformanceEntry {
      Objects.requireNonNull(timestamp, "timestamp");
      extra = extra == null ? Map.of() : extra;
    }
  }

  /**
   * One element of a predictions file's {@code predictions} array.
   *
   * @param sampleId the sample's index in its dataset
   * @param promptHash SHA-256 hex of the prompt; may be null
   * @param prediction the model's answer; may be null
   * @param groundTruth the reference answer; may be null
   * @param executionTime seconds; may be null
   * @param correct true/false, or null to leave the field out (unknown)
   * @param extra further fields; may be empty
   */
  public record PredictionEntry(
      int sampleId,
      String promptHash,
      String prediction,
      String groundTruth,
      Double executionTime,
      Boolean correct,
      Map<String, ?> extra) {
    public PredictionEntry {
      extra = extra == null ? Map.of() : extra;
    }
  }

  private static final ObjectMapper CODEC = new ObjectMapper();

  private final Path target;
  private final Path temp;
  private final JsonGenerator gen;
  private final Path directory;
  private final String sessionId;
  private final Layout layout;
  private boolean inPerformance;
  private boolean closed;

  private LegacySessionWriter(Path directory, SessionHeader header, Layout layout)
      throws IOException {
    this.directory = directory;
    this.sessionId = header.sessionId();
    this.layout = layout;
    this.target = directory.resolve(sessionFileName(header.sessionId()));
    this.temp = directory.resolve(target.getFileName() + ".part");
    this.gen = generator(temp, layout);
  }

  /** {@code evaluation_session_<stamp>.json}. */
  public static String sessionFileName(String sessionId) {
    return "evaluation_session_" + sessionId + ".json";
  }

  /** {@code predictions_<stamp>_task<N>.json}. */
  public static String predictionsFileName(String sessionId, int taskIndex) {
    return "predictions_" + sessionId + "_task" + taskIndex + ".json";
  }

  /**
   * Starts the session file in {@code directory} (created if missing) and writes the header, the
   * {@code models} and {@code datasets} maps and the opening of {@code tasks}.
   */
  public static LegacySessionWriter create(Path directory, SessionHeader header, Layout layout) {
    try {
      Files.createDirectories(directory);
      LegacySessionWriter w = new LegacySessionWriter(directory, header, layout);
      w.writeHeader(header);
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write session " + header.sessionId(), e);
    }
  }

  private static JsonGenerator generator(Path file, Layout layout) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    JsonGenerator g = CODEC.getFactory().createGenerator(out, JsonEncoding.UTF8);
    g.setCodec(CODEC);
    if (layout == Layout.PRETTY) {
      DefaultPrettyPrinter pp =
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(pp);
    }
    return g;
  }

  private void writeHeader(SessionHeader h) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("session_id", h.sessionId());
    gen.writeStringField("category", h.category());
    writeTime(gen, "start_time", h.startTime());
    if (h.endTime() != null) {
      writeTime(gen, "end_time", h.endTime());
    }
    gen.writeStringField("status", h.status());
    writeLong(gen, "slurm_job_id", h.slurmJobId());
    gen.writeStringField("node_name", h.nodeName());
    gen.writeStringField("gpu_type", h.gpuType());
    writeInt(gen, "total_tasks", h.totalTasks());
    writeInt(gen, "success_count", h.successCount());
    if (h.models() != null) {
      gen.writeObjectFieldStart("models");
      for (Map.Entry<String, ModelEntry> e : h.models().entrySet()) {
        ModelEntry m = e.getValue();
        gen.writeObjectFieldStart(e.getKey());
        gen.writeStringField("model_family", m.family());
        writeLong(gen, "parameter_count", m.parameterCount());
        gen.writeStringField("specialization", m.specialization());
        gen.writeStringField("backend", m.backend());
        writeExtra(gen, m.extra());
        gen.writeEndObject();
      }
      gen.writeEndObject();
    }
    if (h.datasets() != null) {
      gen.writeObjectFieldStart("datasets");
      for (Map.Entry<String, DatasetEntry> e : h.datasets().entrySet()) {
        DatasetEntry d = e.getValue();
        gen.writeObjectFieldStart(e.getKey());
        gen.writeStringField("task_type", d.taskType());
        gen.writeStringField("category", d.category());
        writeInt(gen, "sample_count", d.sampleCount());
        gen.writeStringField("file_path", d.filePath());
        writeExtra(gen, d.extra());
        gen.writeEndObject();
      }
      gen.writeEndObject();
    }
    writeExtra(gen, h.extra());
    gen.writeArrayFieldStart("tasks");
  }

  /** Appends one task to {@code tasks}; must come before any performance sample. */
  public void writeTask(TaskEntry t) {
    if (inPerformance || closed) {
      throw new IllegalStateException("tasks must be written before performance samples");
    }
    try {
      gen.writeStartObject();
      gen.writeNumberField("task_index", t.taskIndex());
      gen.writeStringField("model_name", t.modelName());
      gen.writeStringField("dataset_name", t.datasetName());
      gen.writeStringField("preset", t.preset());
      writeInt(gen, "sample_limit", t.sampleLimit());
      writeTime(gen, "start_time", t.startTime());
      writeTime(gen, "end_time", t.endTime());
      gen.writeBooleanField("success", t.success());
      gen.writeStringField("error_message", t.errorMessage());
      TaskResults r = t.results();
      if (r == null) {
        gen.writeNullField("results");
      } else {
        gen.writeObjectFieldStart("results");
        writeInt(gen, "samples_processed", r.samplesProcessed());
        gen.writeObjectFieldStart("evaluation_metrics");
        for (Map.Entry<String, Double> m : r.evaluationMetrics().entrySet()) {
          writeDouble(gen, m.getKey(), m.getValue());
        }
        gen.writeEndObject();
        writeDouble(gen, "average_execution_time", r.averageExecutionTime());
        writeExtra(gen, r.extra());
        gen.writeEndObject();
      }
      if (t.predictionsFile() != null) {
        gen.writeStringField("predictions_file", t.predictionsFile());
      }
      writeExtra(gen, t.extra());
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write task " + t.taskIndex() + " of " + sessionId, e);
    }
  }

  /** Appends one sample to {@code performance_metrics}; closes {@code tasks} on the first call. */
  public void writePerformance(PerformanceEntry p) {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    try {
      startPerformance();
      gen.writeStartObject();
      writeTime(gen, "timestamp", p.timestamp());
      writeDouble(gen, "gpu_utilization", p.gpuUtilization());
      writeDouble(gen, "memory_usage", p.memoryUsage());
      writeDouble(gen, "throughput", p.throughput());
      gen.writeStringField("node_name", p.nodeName());
      writeExtra(gen, p.extra());
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write performance sample of " + sessionId, e);
    }
  }

  private void startPerformance() throws IOException {
    if (!inPerformance) {
      gen.writeEndArray();
      gen.writeArrayFieldStart("performance_metrics");
      inPerformance = true;
    }
  }

  /**
   * Opens {@code predictions_<stamp>_task<N>.json} beside the session file. The caller writes the
   * predictions and closes it.
   */
  public PredictionsWriter openPredictions(int taskIndex, String modelName, String datasetName) {
    return PredictionsWriter.create(
        directory, sessionId, taskIndex, modelName, datasetName, Map.of(), layout);
  }

  /** Finishes the session file and moves it into place. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      startPerformance();
      gen.writeEndArray();
      gen.writeEndObject();
      if (layout == Layout.PRETTY) {
        gen.writeRaw('\n');
      }
      gen.close();
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
  }

  /** Path of the session file (final name). */
  public Path sessionFile() {
    return target;
  }

  /**
   * Streams one {@code predictions_<stamp>_task<N>.json}: header fields, then {@link #write} per
   * prediction, then {@link #close}.
   */
  public static final class PredictionsWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final JsonGenerator gen;
    private final Layout layout;
    private long count;
    private boolean closed;

    private PredictionsWriter(Path target, Path temp, JsonGenerator gen, Layout layout) {
      this.target = target;
      this.temp = temp;
      this.gen = gen;
      this.layout = layout;
    }

    /**
     * Starts a predictions file in {@code directory}.
     *
     * @param extra further top-level fields written before {@code predictions}; may be empty
     */
    public static PredictionsWriter create(
        Path directory,
        String sessionId,
        int taskIndex,
        String modelName,
        String datasetName,
        Map<String, ?> extra,
        Layout layout) {
      Path target = directory.resolve(predictionsFileName(sessionId, taskIndex));
      Path temp = directory.resolve(target.getFileName() + ".part");
      try {
        Files.createDirectories(directory);
        JsonGenerator g = generator(temp, layout);
        g.writeStartObject();
        g.writeStringField("session_id", sessionId);
        g.writeNumberField("task_index", taskIndex);
        g.writeStringField("model_name", modelName);
        g.writeStringField("dataset_name", datasetName);
        writeExtra(g, extra == null ? Map.of() : extra);
        g.writeArrayFieldStart("predictions");
        return new PredictionsWriter(target, temp, g, layout);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }

    /** Appends one prediction. */
    public void write(PredictionEntry p) {
      try {
        gen.writeStartObject();
        gen.writeNumberField("sample_id", p.sampleId());
        gen.writeStringField("prompt_hash", p.promptHash());
        gen.writeStringField("prediction", p.prediction());
        gen.writeStringField("ground_truth", p.groundTruth());
        writeDouble(gen, "execution_time", p.executionTime());
        if (p.correct() != null) {
          gen.writeBooleanField("correct", p.correct());
        }
        writeExtra(gen, p.extra());
        gen.writeEndObject();
        count++;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write prediction " + p.sampleId() + " to " + target, e);
      }
    }

    /** Predictions written so far. */
    public long count() {
      return count;
    }

    /** Final path of the file. */
    public Path file() {
      return target;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        gen.writeEndArray();
        gen.writeEndObject();
        if (layout == Layout.PRETTY) {
          gen.writeRaw('\n');
        }
        gen.close();
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot finish " + target, e);
      }
    }
  }

  static void writeTime(JsonGenerator g, String field, Temporal t) throws IOException {
    if (t == null) {
      g.writeNullField(field);
      return;
    }
    g.writeStringField(field, formatTime(t));
  }

  /** The text a time is written as (see the class comment). */
  public static String formatTime(Temporal t) {
    if (t instanceof LocalDateTime l) {
      return LOCAL.format(l);
    }
    if (t instanceof OffsetDateTime o) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(o);
    }
    if (t instanceof ZonedDateTime z) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z);
    }
    if (t instanceof Instant i) {
      return DateTimeFormatter.ISO_INSTANT.format(i);
    }
    throw new IllegalArgumentException(
        "a time must be a LocalDateTime, OffsetDateTime, ZonedDateTime or Instant, not "
            + t.getClass().getName());
  }

  private static void writeInt(JsonGenerator g, String field, Integer v) throws IOException {
    if (v == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, v);
    }
  }

  private static void writeLong(JsonGenerator g, String field, Long v) throws IOException {
    if (v == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, v);
    }
  }

  private static void writeDouble(JsonGenerator g, String field, Double v) throws IOException {
    if (v == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, v);
    }
  }

  private static void writeExtra(JsonGenerator g, Map<String, ?> extra) throws IOException {
    for (Map.Entry<String, ?> e : extra.entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeObject(e.getValue());
    }
  }
}
