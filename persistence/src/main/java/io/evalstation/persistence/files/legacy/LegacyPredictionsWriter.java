package io.evalstation.persistence.files.legacy;

import static io.evalstation.persistence.files.legacy.LegacyFormat.*;

import com.fasterxml.jackson.core.JsonGenerator;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.SamplePrediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Streams one {@code predictions_<stamp>_task<N>.json} ({@link LegacyFormat}): its header fields,
 * then {@link #write} per prediction, then {@link #close}, which moves the complete file into
 * place.
 */
public final class LegacyPredictionsWriter implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final JsonGenerator gen;
  private final JsonLayout layout;
  private long count;
  private boolean closed;

  private LegacyPredictionsWriter(Path target, Path temp, JsonGenerator gen, JsonLayout layout) {
    this.target = target;
    this.temp = temp;
    this.gen = gen;
    this.layout = layout;
  }

  /**
   * Starts a predictions file in {@code directory} (created if missing).
   *
   * @param sessionId the session's id (its {@link LegacyFormat#fileStamp stamp} names the file)
   * @param extra further top-level fields written before {@code predictions}; may be empty
   */
  public static LegacyPredictionsWriter create(
      Path directory,
      String sessionId,
      int taskIndex,
      String modelName,
      String datasetName,
      Map<String, ?> extra,
      JsonLayout layout) {
    Path target = directory.resolve(predictionsFileName(fileStamp(sessionId), taskIndex));
    Path temp = JsonFiles.partFile(target);
    try {
      Files.createDirectories(directory);
      JsonGenerator g = JsonFiles.generator(temp, layout);
      g.writeStartObject();
      g.writeStringField(SESSION_ID, sessionId);
      g.writeNumberField(TASK_INDEX, taskIndex);
      g.writeStringField(MODEL_NAME, modelName);
      g.writeStringField(DATASET_NAME, datasetName);
      Fields.extra(g, extra == null ? Map.of() : extra, PREDICTIONS_FILE_FIELDS);
      g.writeArrayFieldStart(PREDICTIONS);
      return new LegacyPredictionsWriter(target, temp, g, layout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Appends one prediction. */
  public void write(SamplePrediction p) {
    try {
      gen.writeStartObject();
      gen.writeNumberField(SAMPLE_ID, p.sampleId());
      Fields.field(gen, FILTER, p.filter(), false);
      Fields.field(gen, PROMPT_HASH, p.promptHash(), true);
      Fields.field(gen, DOC_HASH, p.docHash(), false);
      Fields.field(gen, PROMPT, p.prompt(), false);
      Fields.field(gen, PREDICTION, p.prediction(), true);
      Fields.field(gen, FILTERED_PREDICTION, p.filteredPrediction(), false);
      Fields.field(gen, GROUND_TRUTH, p.groundTruth(), true);
      Fields.field(gen, EXECUTION_TIME, p.executionTime(), true);
      Fields.field(gen, CORRECT, p.correct(), false);
      Fields.field(gen, SAMPLE_METRICS, p.sampleMetrics(), false);
      Fields.extra(gen, p.extra(), PREDICTION_FIELDS);
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
    JsonFiles.finish(gen, layout == JsonLayout.PRETTY, temp, target);
  }
}
