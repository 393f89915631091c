package io.evalstation.persistence.export;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.JsonLayout;
import io.evalstation.persistence.files.SamplePrediction;
import io.evalstation.persistence.files.TaskMetric;
import io.evalstation.persistence.files.legacy.LegacyDataset;
import io.evalstation.persistence.files.legacy.LegacyModel;
import io.evalstation.persistence.files.legacy.LegacyPerformance;
import io.evalstation.persistence.files.legacy.LegacyPredictionsWriter;
import io.evalstation.persistence.files.legacy.LegacyResults;
import io.evalstation.persistence.files.legacy.LegacySession;
import io.evalstation.persistence.files.legacy.LegacySessionWriter;
import io.evalstation.persistence.files.legacy.LegacyTask;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import io.evalstation.persistence.jooq.tables.records.EvaluationTasksRecord;
import io.evalstation.persistence.jooq.tables.records.PredictionsRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Writes a stored session in the legacy file format ({@code evaluation_session_<key>.json} plus one
 * {@code predictions_<key>_task<N>.json} per task with predictions) through the format's one {@link
 * LegacySessionWriter}, so that a session can travel to a machine without database access.
 * Importing the export gives the same rows again: every column is written (unknown legacy fields
 * from {@code extra} back at their level, metric rows as {@code task_metrics}). Predictions are
 * streamed from a cursor; files are written to a temporary name and moved into place when complete.
 */
public final class LegacyExporter {
  /** What an export wrote. */
  public record ExportResult(
      Path sessionFile, List<Path> predictionFiles, int tasks, long predictions) {}

  private final Database db;

  /** An exporter reading from {@code db}. */
  public LegacyExporter(Database db) {
    this.db = db;
  }

  /**
   * Exports the session with this key (or numeric id) into {@code outDir} (created if missing).
   *
   * @throws IllegalArgumentException when there is no such session
   */
  public ExportResult export(String keyOrId, Path outDir) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
    }
    return db.dsl()
        .transactionResult(
            cfg -> {
              DSLContext tx = cfg.dsl();
              EvaluationSessionsRecord s =
                  tx.selectFrom(EVALUATION_SESSIONS)
                      .where(EVALUATION_SESSIONS.SESSION_KEY.eq(keyOrId))
                      .fetchOne();
              if (s == null && keyOrId.matches("\\d{1,18}")) {
                s =
                    tx.selectFrom(EVALUATION_SESSIONS)
                        .where(EVALUATION_SESSIONS.SESSION_ID.eq(Long.parseLong(keyOrId)))
                        .fetchOne();
              }
              if (s == null) {
                throw new IllegalArgumentException("no session with key or id '" + keyOrId + "'");
              }
              return write(tx, s, outDir);
            });
  }

  private ExportResult write(DSLContext tx, EvaluationSessionsRecord s, Path outDir) {
    List<EvaluationTasksRecord> tasks =
        tx.selectFrom(EVALUATION_TASKS)
            .where(EVALUATION_TASKS.SESSION_ID.eq(s.getSessionId()))
            .orderBy(EVALUATION_TASKS.TASK_INDEX)
            .fetch();
    Map<Long, String> modelNames = new HashMap<>();
    Map<String, LegacyModel> models = new LinkedHashMap<>();
    for (var m :
        tx.selectFrom(MODELS)
            .where(
                MODELS.MODEL_ID.in(tasks.stream().map(EvaluationTasksRecord::getModelId).toList()))
            .orderBy(MODELS.MODEL_NAME)
            .fetch()) {
      modelNames.put(m.getModelId(), m.getModelName());
      models.put(
          m.getModelName(),
          new LegacyModel(
              m.getModelFamily(),
              m.getParameterCount(),
              m.getSpecialization(),
              m.getBackend(),
              m.getWeights(),
              Map.of()));
    }
    Map<Long, String> datasetNames = new HashMap<>();
    Map<String, LegacyDataset> datasets = new LinkedHashMap<>();
    for (var d :
        tx.selectFrom(DATASETS)
            .where(
                DATASETS.DATASET_ID.in(
                    tasks.stream().map(EvaluationTasksRecord::getDatasetId).toList()))
            .orderBy(DATASETS.DATASET_NAME)
            .fetch()) {
      datasetNames.put(d.getDatasetId(), d.getDatasetName());
      datasets.put(
          d.getDatasetName(),
          new LegacyDataset(
              d.getTaskType(),
              d.getCategory(),
              d.getSampleCount(),
              d.getFilePath(),
              d.getHarnessTask(),
              Map.of()));
    }
    LegacySession session =
        new LegacySession(
            s.getSessionKey(),
            s.getCategory(),
            s.getCluster(),
            utc(s.getStartTime()),
            utc(s.getEndTime()),
            s.getStatus(),
            s.getSlurmJobId(),
            s.getNodeName(),
            s.getGpuType(),
            tasks.size(),
            (int) tasks.stream().filter(t -> t.getStatus().equals("completed")).count(),
            fields(s.getProvenance()),
            models,
            datasets,
            fields(s.getExtra()));
    List<Path> predFiles = new ArrayList<>();
    long predictions = 0;
    Path sessionFile;
    try (LegacySessionWriter w = LegacySessionWriter.create(outDir, session, JsonLayout.PRETTY)) {
      sessionFile = w.sessionFile();
      for (EvaluationTasksRecord t : tasks) {
        String model = modelNames.get(t.getModelId());
        String dataset = datasetNames.get(t.getDatasetId());
        String predName = null;
        if (tx.fetchExists(PREDICTIONS, PREDICTIONS.TASK_ID.eq(t.getTaskId()))) {
          try (LegacyPredictionsWriter pw = w.openPredictions(t.getTaskIndex(), model, dataset)) {
            predictions += writePredictions(tx, t, pw);
            predFiles.add(pw.file());
            predName = pw.file().getFileName().toString();
          }
        }
        w.writeTask(task(tx, t, model, dataset, predName));
      }
      Map<Long, Integer> index = new HashMap<>();
      tasks.forEach(t -> index.put(t.getTaskId(), t.getTaskIndex()));
      for (var p :
          tx.selectFrom(PERFORMANCE_METRICS)
              .where(PERFORMANCE_METRICS.SESSION_ID.eq(s.getSessionId()))
              .orderBy(PERFORMANCE_METRICS.RECORDED_AT, PERFORMANCE_METRICS.METRIC_ID)
              .fetch()) {
        w.writePerformance(
            new LegacyPerformance(
                utc(p.getRecordedAt()),
                p.getTaskId() == null ? null : index.get(p.getTaskId()),
                p.getGpuIndex(),
                p.getGpuUtilization(),
                p.getMemoryUsage(),
                p.getMemoryUsedMib(),
                p.getThroughput(),
                p.getNodeName(),
                Map.of()));
      }
    }
    return new ExportResult(sessionFile, predFiles, tasks.size(), predictions);
  }

  private static LegacyTask task(
      DSLContext tx, EvaluationTasksRecord t, String model, String dataset, String predName) {
    Map<String, Object> extra = fields(t.getExtra());
    Object resultsExtra = extra.remove("results_extra");
    var r =
        tx.selectFrom(EVALUATION_RESULTS)
            .where(EVALUATION_RESULTS.TASK_ID.eq(t.getTaskId()))
            .fetchOne();
    LegacyResults results =
        r == null
            ? null
            : new LegacyResults(
                r.getSamplesProcessed(),
                fields(r.getEvaluationMetrics()),
                r.getAverageExecutionTime(),
                resultsExtra instanceof JsonNode n && n.isObject()
                    ? JsonFiles.fields(n)
                    : Map.of());
    List<TaskMetric> metrics = new ArrayList<>();
    for (var m :
        tx.selectFrom(TASK_METRICS)
            .where(TASK_METRICS.TASK_ID.eq(t.getTaskId()))
            .orderBy(TASK_METRICS.METRIC, TASK_METRICS.FILTER)
            .fetch()) {
      metrics.add(new TaskMetric(m.getMetric(), m.getFilter(), m.getValue(), m.getStderr()));
    }
    String status = t.getStatus();
    boolean ended = status.equals("completed") || status.equals("failed");
    return new LegacyTask(
        t.getTaskIndex(),
        model,
        dataset,
        t.getPreset(),
        t.getSampleLimit(),
        t.getPriority(),
        status,
        ended ? status.equals("completed") : null,
        utc(t.getStartTime()),
        utc(t.getEndTime()),
        t.getErrorMessage(),
        t.getFailureCause(),
        t.getExitCode(),
        t.getSlurmJobId(),
        t.getNodeName(),
        t.getSamplesDone(),
        t.getSamplesTotal(),
        fields(t.getProvenance()),
        results,
        metrics,
        predName,
        extra);
  }

  private static long writePredictions(
      DSLContext tx, EvaluationTasksRecord t, LegacyPredictionsWriter out) {
    try (Cursor<PredictionsRecord> c =
        tx.selectFrom(PREDICTIONS)
            .where(PREDICTIONS.TASK_ID.eq(t.getTaskId()))
            .orderBy(PREDICTIONS.SAMPLE_ID, PREDICTIONS.FILTER)
            .fetchSize(500)
            .fetchLazy()) {
      while (c.hasNext()) {
        PredictionsRecord p = c.fetchNext();
        out.write(
            new SamplePrediction(
                p.getSampleId(),
                p.getFilter(),
                p.getPromptHash(),
                p.getDocHash(),
                p.getPrompt(),
                p.getPrediction(),
                p.getFilteredPrediction(),
                p.getGroundTruth(),
                p.getCorrect(),
                p.getExecutionTime(),
                tree(p.getSampleMetrics()),
                fields(p.getExtra())));
      }
    }
    return out.count();
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static JsonNode tree(JSONB j) {
    if (j == null) {
      return null;
    }
    try {
      return JsonFiles.MAPPER.readTree(j.data());
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON is unreadable: " + e.getMessage(), e);
    }
  }

  /** The entries of a stored JSON object, in order; empty for null or a non-object. */
  private static Map<String, Object> fields(JSONB j) {
    return JsonFiles.fields(tree(j));
  }
}
