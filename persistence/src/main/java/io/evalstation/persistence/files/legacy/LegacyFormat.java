package io.evalstation.persistence.files.legacy;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy session format ({@code shared/formats/legacy-session.md}), described once: file names
 * and every field of every object, for {@link LegacySessionReader} and {@link LegacySessionWriter}
 * (and the importer's format detection) to share.
 *
 * <p>A session is {@code evaluation_session_<stamp>.json}: session fields, a {@code models} and a
 * {@code datasets} map, a {@code tasks} array and a {@code performance_metrics} array. A task's
 * predictions are embedded in it or in {@code predictions_<stamp>_task<N>.json}, which its {@code
 * predictions_file} names.
 *
 * <p>The fields the cluster pipeline wrote are written even when unknown ({@code null}), as the
 * pipeline did; the fields Evalstation added (so that an export imports back to the same rows:
 * {@code cluster}, {@code provenance}, a task's {@code status}, {@code failure_cause}, {@code
 * task_metrics}…) are written only when known. Other fields a file carries are kept by the reader
 * in each object's {@code extra} and written back at their level; an {@code extra} entry named like
 * a field of its object is never written (the field carries it).
 */
public final class LegacyFormat {
  // ---------------------------------------------------------------- session
  public static final String SESSION_ID = "session_id";
  public static final String CATEGORY = "category";
  public static final String CLUSTER = "cluster";
  public static final String START_TIME = "start_time";
  public static final String END_TIME = "end_time";
  public static final String STATUS = "status";
  public static final String SLURM_JOB_ID = "slurm_job_id";
  public static final String NODE_NAME = "node_name";
  public static final String GPU_TYPE = "gpu_type";
  public static final String TOTAL_TASKS = "total_tasks";
  public static final String SUCCESS_COUNT = "success_count";
  public static final String PROVENANCE = "provenance";
  public static final String MODELS = "models";
  public static final String DATASETS = "datasets";
  public static final String TASKS = "tasks";
  public static final String PERFORMANCE_METRICS = "performance_metrics";

  // ---------------------------------------------------------------- models and datasets
  public static final String MODEL_FAMILY = "model_family";
  public static final String PARAMETER_COUNT = "parameter_count";
  public static final String SPECIALIZATION = "specialization";
  public static final String BACKEND = "backend";
  public static final String WEIGHTS = "weights";

  /** What older files call {@link #WEIGHTS}. */
  public static final String MODEL_PATH = "model_path";

  public static final String TASK_TYPE = "task_type";
  public static final String SAMPLE_COUNT = "sample_count";
  public static final String FILE_PATH = "file_path";
  public static final String HARNESS_TASK = "harness_task";

  // ---------------------------------------------------------------- task
  public static final String TASK_INDEX = "task_index";
  public static final String MODEL_NAME = "model_name";
  public static final String DATASET_NAME = "dataset_name";
  public static final String PRESET = "preset";
  public static final String SAMPLE_LIMIT = "sample_limit";
  public static final String PRIORITY = "priority";
  public static final String SUCCESS = "success";
  public static final String ERROR_MESSAGE = "error_message";
  public static final String FAILURE_CAUSE = "failure_cause";
  public static final String EXIT_CODE = "exit_code";
  public static final String SAMPLES_DONE = "samples_done";
  public static final String SAMPLES_TOTAL = "samples_total";
  public static final String RESULTS = "results";
  public static final String TASK_METRICS = "task_metrics";
  public static final String PREDICTIONS_FILE = "predictions_file";
  public static final String PREDICTIONS = "predictions";

  // ---------------------------------------------------------------- results and task_metrics
  public static final String SAMPLES_PROCESSED = "samples_processed";
  public static final String EVALUATION_METRICS = "evaluation_metrics";
  public static final String AVERAGE_EXECUTION_TIME = "average_execution_time";
  public static final String METRIC = "metric";
  public static final String FILTER = "filter";
  public static final String VALUE = "value";
  public static final String STDERR = "stderr";

  // ---------------------------------------------------------------- performance sample
  public static final String TIMESTAMP = "timestamp";
  public static final String GPU_INDEX = "gpu_index";
  public static final String GPU_UTILIZATION = "gpu_utilization";
  public static final String MEMORY_USAGE = "memory_usage";
  public static final String MEMORY_USED_MIB = "memory_used_mib";
  public static final String THROUGHPUT = "throughput";

  // ---------------------------------------------------------------- prediction
  public static final String SAMPLE_ID = "sample_id";
  public static final String PROMPT_HASH = "prompt_hash";
  public static final String DOC_HASH = "doc_hash";
  public static final String PROMPT = "prompt";
  public static final String PREDICTION = "prediction";
  public static final String FILTERED_PREDICTION = "filtered_prediction";
  public static final String GROUND_TRUTH = "ground_truth";
  public static final String CORRECT = "correct";
  public static final String EXECUTION_TIME = "execution_time";
  public static final String SAMPLE_METRICS = "sample_metrics";

  /** The fields of a session object. */
  public static final Set<String> SESSION_FIELDS =
      Set.of(
          SESSION_ID,
          CATEGORY,
          CLUSTER,
          START_TIME,
          END_TIME,
          STATUS,
          SLURM_JOB_ID,
          NODE_NAME,
          GPU_TYPE,
          TOTAL_TASKS,
          SUCCESS_COUNT,
          PROVENANCE,
          MODELS,
          DATASETS,
          TASKS,
          PERFORMANCE_METRICS);

  /** The fields of an entry of {@code models}. */
  public static final Set<String> MODEL_FIELDS =
      Set.of(MODEL_FAMILY, PARAMETER_COUNT, SPECIALIZATION, BACKEND, WEIGHTS, MODEL_PATH);

  /** The fields of an entry of {@code datasets}. */
  public static final Set<String> DATASET_FIELDS =
      Set.of(TASK_TYPE, CATEGORY, SAMPLE_COUNT, FILE_PATH, HARNESS_TASK);

  /** The fields of a task object. */
  public static final Set<String> TASK_FIELDS =
      Set.of(
          TASK_INDEX,
          MODEL_NAME,
          DATASET_NAME,
          PRESET,
          SAMPLE_LIMIT,
          PRIORITY,
          STATUS,
          SUCCESS,
          START_TIME,
          END_TIME,
          ERROR_MESSAGE,
          FAILURE_CAUSE,
          EXIT_CODE,
          SLURM_JOB_ID,
          NODE_NAME,
          SAMPLES_DONE,
          SAMPLES_TOTAL,
          PROVENANCE,
          RESULTS,
          TASK_METRICS,
          PREDICTIONS_FILE,
          PREDICTIONS);

  /** The fields of a task's {@code results} object. */
  public static final Set<String> RESULTS_FIELDS =
      Set.of(SAMPLES_PROCESSED, EVALUATION_METRICS, AVERAGE_EXECUTION_TIME);

  /** The fields of a performance sample. */
  public static final Set<String> PERFORMANCE_FIELDS =
      Set.of(
          TIMESTAMP,
          TASK_INDEX,
          GPU_INDEX,
          GPU_UTILIZATION,
          MEMORY_USAGE,
          MEMORY_USED_MIB,
          THROUGHPUT,
          NODE_NAME);

  /** The top-level fields of a predictions file. */
  public static final Set<String> PREDICTIONS_FILE_FIELDS =
      Set.of(SESSION_ID, TASK_INDEX, MODEL_NAME, DATASET_NAME, PREDICTIONS);

  /** The fields of a prediction. */
  public static final Set<String> PREDICTION_FIELDS =
      Set.of(
          SAMPLE_ID,
          FILTER,
          PROMPT_HASH,
          DOC_HASH,
          PROMPT,
          PREDICTION,
          FILTERED_PREDICTION,
          GROUND_TRUTH,
          CORRECT,
          EXECUTION_TIME,
          SAMPLE_METRICS);

  private static final Pattern SESSION_FILE = Pattern.compile("^evaluation_session_(.+)\\.json$");
  private static final Pattern PREDICTIONS_FILE_NAME =
      Pattern.compile("^predictions_(.+)_task\\d+\\.json$");
  private static final Pattern TASK_SUFFIX = Pattern.compile("_task(\\d+)\\.json$");

  private LegacyFormat() {}

  /** {@code evaluation_session_<stamp>.json}. */
  public static String sessionFileName(String stamp) {
    return "evaluation_session_" + stamp + ".json";
  }

  /** {@code predictions_<stamp>_task<N>.json}. */
  public static String predictionsFileName(String stamp, int taskIndex) {
    return "predictions_" + stamp + "_task" + taskIndex + ".json";
  }

  /** The stamp in a file name: a session id with what a file name cannot hold replaced by _. */
  public static String fileStamp(String sessionId) {
    return sessionId.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  /** The stamp of {@code evaluation_session_<stamp>.json}, or null for another name. */
  public static String stampOfSessionFile(String fileName) {
    Matcher m = SESSION_FILE.matcher(fileName);
    return m.matches() ? m.group(1) : null;
  }

  /** The stamp of {@code predictions_<stamp>_task<N>.json}, or null for another name. */
  public static String stampOfPredictionsFile(String fileName) {
    Matcher m = PREDICTIONS_FILE_NAME.matcher(fileName);
    return m.matches() ? m.group(1) : null;
  }

  /** The task index a file name ending in {@code _task<N>.json} gives, or null. */
  public static Integer taskOfPredictionsFile(String fileName) {
    Matcher m = TASK_SUFFIX.matcher(fileName);
    if (!m.find() || m.group(1).length() > 9) {
      return null;
    }
    return Integer.parseInt(m.group(1));
  }
}
