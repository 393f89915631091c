package io.evalstation.persistence.files.legacy;

import io.evalstation.persistence.files.TaskMetric;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An element of a legacy session's {@code tasks} array (its predictions travel separately: see
 * {@link io.evalstation.persistence.files.SamplePrediction}).
 *
 * @param taskIndex {@code task_index} (1-based in files the pipeline wrote; a file without it
 *     numbers its tasks in order from 1)
 * @param modelName {@code model_name}, a key of the {@code models} map
 * @param datasetName {@code dataset_name}, a key of the {@code datasets} map
 * @param preset {@code preset}, e.g. {@code balanced}; may be null
 * @param sampleLimit {@code sample_limit}; may be null
 * @param priority {@code priority}; written when known
 * @param status {@code status} as the file says it; written when known
 * @param success {@code success}; null when unknown (a task that has not finished)
 * @param startTime {@code start_time}; may be null
 * @param endTime {@code end_time}; may be null
 * @param errorMessage {@code error_message}, why it failed; may be null
 * @param failureCause {@code failure_cause}, e.g. {@code OUT_OF_MEMORY}; written when known
 * @param exitCode {@code exit_code}; written when known
 * @param slurmJobId {@code slurm_job_id}; written when known
 * @param nodeName {@code node_name}; written when known
 * @param samplesDone {@code samples_done}; written when known
 * @param samplesTotal {@code samples_total}; written when known
 * @param provenance {@code provenance}, written when not empty
 * @param results {@code results}; null for a task without results
 * @param taskMetrics {@code task_metrics}, the stored metric rows; null leaves the field out
 * @param predictionsFile {@code predictions_file}; null when its predictions are not in a file
 * @param extra further fields, in order; may be empty
 */
public record LegacyTask(
    int taskIndex,
    String modelName,
    String datasetName,
    String preset,
    Integer sampleLimit,
    String priority,
    String status,
    Boolean success,
    Temporal startTime,
    Temporal endTime,
    String errorMessage,
    String failureCause,
    Integer exitCode,
    Long slurmJobId,
    String nodeName,
    Integer samplesDone,
    Integer samplesTotal,
    Map<String, ?> provenance,
    LegacyResults results,
    List<TaskMetric> taskMetrics,
    String predictionsFile,
    Map<String, ?> extra) {
  public LegacyTask {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(datasetName, "datasetName");
    provenance = provenance == null ? Map.of() : provenance;
    extra = extra == null ? Map.of() : extra;
  }

  /** A task with the fields the cluster pipeline wrote. */
  public static LegacyTask of(
      int taskIndex,
      String modelName,
      String datasetName,
      String preset,
      Integer sampleLimit,
      Temporal startTime,
      Temporal endTime,
      boolean success,
      String errorMessage,
      LegacyResults results,
      String predictionsFile) {
    return new LegacyTask(
        taskIndex,
        modelName,
        datasetName,
        preset,
        sampleLimit,
        null,
        null,
        success,
        startTime,
        endTime,
        errorMessage,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        results,
        null,
        predictionsFile,
        Map.of());
  }
}
