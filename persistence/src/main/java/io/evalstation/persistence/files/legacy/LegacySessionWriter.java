package io.evalstation.persistence.files.legacy;

import static io.evalstation.persistence.files.legacy.LegacyFormat.*;

import com.fasterxml.jackson.core.JsonGenerator;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.TaskMetric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one evaluation session in the legacy file format ({@link LegacyFormat}): {@code
 * evaluation_session_<stamp>.json} plus one {@code predictions_<stamp>_task<N>.json} per task that
 * has predictions. The one writer of the format: the demo corpus generator and {@code
 * export-session} both use it.
 *
 * <p>Everything is streamed through a Jackson {@link JsonGenerator}: the session file is written
 * header first, then one task at a time, then the performance samples; a predictions file one
 * prediction at a time. Nothing but the current element is held in memory, so sessions and
 * prediction files of any size can be written.
 *
 * <p>Order of calls: {@link #create}, any number of {@link #writeTask}, any number of {@link
 * #writePerformance}, {@link #close}. {@link #openPredictions} may be called at any time; each
 * predictions file is independent and must be closed by the caller. Files are first written under a
 * temporary name and moved into place on close, so a reader never sees half a file.
 */
public final class LegacySessionWriter implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final JsonGenerator gen;
  private final Path directory;
  private final String sessionId;
  private final JsonLayout layout;
  private boolean inPerformance;
  private boolean closed;

  private LegacySessionWriter(Path directory, LegacySession session, JsonLayout layout)
      throws IOException {
    this.directory = directory;
    this.sessionId = session.sessionId();
    this.layout = layout;
    this.target = directory.resolve(sessionFileName(fileStamp(session.sessionId())));
    this.temp = JsonFiles.partFile(target);
    this.gen = JsonFiles.generator(temp, layout);
  }

  /**
   * Starts the session file in {@code directory} (created if missing) and writes the session's
   * fields, the {@code models} and {@code datasets} maps and the opening of {@code tasks}.
   */
  public static LegacySessionWriter create(
      Path directory, LegacySession session, JsonLayout layout) {
    Objects.requireNonNull(session.sessionId(), "sessionId");
    try {
      Files.createDirectories(directory);
      LegacySessionWriter w = new LegacySessionWriter(directory, session, layout);
      w.writeSession(session);
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write session " + session.sessionId(), e);
    }
  }

  private void writeSession(LegacySession s) throws IOException {
    gen.writeStartObject();
    gen.writeStringField(SESSION_ID, s.sessionId());
    Fields.field(gen, CATEGORY, s.category(), true);
    Fields.field(gen, START_TIME, s.startTime(), true);
    Fields.field(gen, END_TIME, s.endTime(), false);
    Fields.field(gen, STATUS, s.status(), true);
    Fields.field(gen, SLURM_JOB_ID, s.slurmJobId(), true);
    Fields.field(gen, NODE_NAME, s.nodeName(), true);
    Fields.field(gen, GPU_TYPE, s.gpuType(), true);
    Fields.field(gen, TOTAL_TASKS, s.totalTasks(), true);
    Fields.field(gen, SUCCESS_COUNT, s.successCount(), true);
    Fields.objects(
        gen,
        MODELS,
        s.models(),
        m -> {
          Fields.field(gen, MODEL_FAMILY, m.family(), true);
          Fields.field(gen, PARAMETER_COUNT, m.parameterCount(), true);
          Fields.field(gen, SPECIALIZATION, m.specialization(), true);
          Fields.field(gen, BACKEND, m.backend(), true);
          Fields.field(gen, WEIGHTS, m.weights(), false);
          Fields.extra(gen, m.extra(), MODEL_FIELDS);
        });
    Fields.objects(
        gen,
        DATASETS,
        s.datasets(),
        d -> {
          Fields.field(gen, TASK_TYPE, d.taskType(), true);
          Fields.field(gen, CATEGORY, d.category(), true);
          Fields.field(gen, SAMPLE_COUNT, d.sampleCount(), true);
          Fields.field(gen, FILE_PATH, d.filePath(), true);
          Fields.field(gen, HARNESS_TASK, d.harnessTask(), false);
          Fields.extra(gen, d.extra(), DATASET_FIELDS);
        });
    Fields.field(gen, CLUSTER, s.cluster(), false);
    Fields.nonEmpty(gen, PROVENANCE, s.provenance());
    Fields.extra(gen, s.extra(), SESSION_FIELDS);
    gen.writeArrayFieldStart(TASKS);
  }

  /** Appends one task to {@code tasks}; must come before any performance sample. */
  public void writeTask(LegacyTask t) {
    if (inPerformance || closed) {
      throw new IllegalStateException("tasks must be written before performance samples");
    }
    try {
      gen.writeStartObject();
      gen.writeNumberField(TASK_INDEX, t.taskIndex());
      gen.writeStringField(MODEL_NAME, t.modelName());
      gen.writeStringField(DATASET_NAME, t.datasetName());
      Fields.field(gen, PRESET, t.preset(), true);
      Fields.field(gen, SAMPLE_LIMIT, t.sampleLimit(), true);
      Fields.field(gen, PRIORITY, t.priority(), false);
      Fields.field(gen, STATUS, t.status(), false);
      Fields.field(gen, START_TIME, t.startTime(), true);
      Fields.field(gen, END_TIME, t.endTime(), true);
      Fields.field(gen, SUCCESS, t.success(), true);
      Fields.field(gen, ERROR_MESSAGE, t.errorMessage(), true);
      Fields.field(gen, FAILURE_CAUSE, t.failureCause(), false);
      Fields.field(gen, EXIT_CODE, t.exitCode(), false);
      Fields.field(gen, SLURM_JOB_ID, t.slurmJobId(), false);
      Fields.field(gen, NODE_NAME, t.nodeName(), false);
      Fields.field(gen, SAMPLES_DONE, t.samplesDone(), false);
      Fields.field(gen, SAMPLES_TOTAL, t.samplesTotal(), false);
      Fields.nonEmpty(gen, PROVENANCE, t.provenance());
      writeResults(t.results());
      if (t.taskMetrics() != null) {
        gen.writeArrayFieldStart(TASK_METRICS);
        for (TaskMetric m : t.taskMetrics()) {
          gen.writeStartObject();
          gen.writeStringField(METRIC, m.metric());
          gen.writeStringField(FILTER, m.filter());
          Fields.field(gen, VALUE, m.value(), false);
          Fields.field(gen, STDERR, m.stderr(), false);
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      Fields.field(gen, PREDICTIONS_FILE, t.predictionsFile(), false);
      Fields.extra(gen, t.extra(), TASK_FIELDS);
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write task " + t.taskIndex() + " of " + sessionId, e);
    }
  }

  private void writeResults(LegacyResults r) throws IOException {
    if (r == null) {
      gen.writeNullField(RESULTS);
      return;
    }
    gen.writeObjectFieldStart(RESULTS);
    Fields.field(gen, SAMPLES_PROCESSED, r.samplesProcessed(), true);
    Fields.field(gen, EVALUATION_METRICS, r.evaluationMetrics(), true);
    Fields.field(gen, AVERAGE_EXECUTION_TIME, r.averageExecutionTime(), true);
    Fields.extra(gen, r.extra(), RESULTS_FIELDS);
    gen.writeEndObject();
  }

  /** Appends one sample to {@code performance_metrics}; closes {@code tasks} on the first call. */
  public void writePerformance(LegacyPerformance p) {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    try {
      startPerformance();
      gen.writeStartObject();
      Fields.field(gen, TIMESTAMP, p.timestamp(), true);
      Fields.field(gen, TASK_INDEX, p.taskIndex(), false);
      Fields.field(gen, GPU_INDEX, p.gpuIndex(), false);
      Fields.field(gen, GPU_UTILIZATION, p.gpuUtilization(), true);
      Fields.field(gen, MEMORY_USAGE, p.memoryUsage(), true);
      Fields.field(gen, MEMORY_USED_MIB, p.memoryUsedMib(), false);
      Fields.field(gen, THROUGHPUT, p.throughput(), true);
      Fields.field(gen, NODE_NAME, p.nodeName(), true);
      Fields.extra(gen, p.extra(), PERFORMANCE_FIELDS);
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write performance sample of " + sessionId, e);
    }
  }

  private void startPerformance() throws IOException {
    if (!inPerformance) {
      gen.writeEndArray();
      gen.writeArrayFieldStart(PERFORMANCE_METRICS);
      inPerformance = true;
    }
  }

  /**
   * Opens {@code predictions_<stamp>_task<N>.json} beside the session file. The caller writes the
   * predictions and closes it.
   */
  public LegacyPredictionsWriter openPredictions(
      int taskIndex, String modelName, String datasetName) {
    return LegacyPredictionsWriter.create(
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
    JsonFiles.finish(gen, layout == JsonLayout.PRETTY, temp, target);
  }

  /** Path of the session file (final name). */
  public Path sessionFile() {
    return target;
  }
}
