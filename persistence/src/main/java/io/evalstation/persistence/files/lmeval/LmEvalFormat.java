package io.evalstation.persistence.files.lmeval;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of lm-evaluation-harness, described once for {@link LmEvalResults}, {@link
 * LmEvalSamples} and {@link LmEvalWriter} (and the importer's format detection): file names, the
 * results file's sections and keys, and the fields of a samples line.
 *
 * <p>Harness 0.4.3+ writes {@code <output>/<model_name_sanitized>/results_<date_id>.json} and one
 * {@code samples_<task>_<date_id>.jsonl} per task; 0.4.2 and older wrote {@code results.json} and
 * one JSON array of samples per task. A results entry holds {@code <metric>,<filter>} and {@code
 * <metric>_stderr,<filter>} keys (older ones: {@code <metric>} and {@code <metric>_stderr}).
 */
public final class LmEvalFormat {
  // ---------------------------------------------------------------- results file
  public static final String RESULTS = "results";
  public static final String GROUP_SUBTASKS = "group_subtasks";
  public static final String CONFIGS = "configs";
  public static final String VERSIONS = "versions";
  public static final String N_SHOT = "n-shot";
  public static final String HIGHER_IS_BETTER = "higher_is_better";
  public static final String N_SAMPLES = "n-samples";
  public static final String ORIGINAL = "original";
  public static final String EFFECTIVE = "effective";
  public static final String CONFIG = "config";
  public static final String MODEL = "model";
  public static final String MODEL_ARGS = "model_args";
  public static final String GIT_HASH = "git_hash";
  public static final String DATE = "date";
  public static final String TRANSFORMERS_VERSION = "transformers_version";
  public static final String LM_EVAL_VERSION = "lm_eval_version";
  public static final String TASK_HASHES = "task_hashes";
  public static final String MODEL_SOURCE = "model_source";
  public static final String MODEL_NAME = "model_name";
  public static final String MODEL_NAME_SANITIZED = "model_name_sanitized";
  public static final String START_TIME = "start_time";
  public static final String END_TIME = "end_time";
  public static final String TOTAL_EVALUATION_TIME_SECONDS = "total_evaluation_time_seconds";

  /** A results entry's name for its task. */
  public static final String ALIAS = "alias";

  /** Keys of a task's results entry that are not metrics. */
  public static final Set<String> NOT_METRICS =
      Set.of(ALIAS, "name", "sample_len", "sample_count", "samples", " ", "group", "task");

  /** The per-task sections of the results file a task's provenance keeps, in order. */
  public static final List<String> TASK_SECTIONS =
      List.of(CONFIGS, VERSIONS, N_SHOT, N_SAMPLES, HIGHER_IS_BETTER, TASK_HASHES);

  // ---------------------------------------------------------------- samples line
  public static final String DOC_ID = "doc_id";
  public static final String DOC = "doc";
  public static final String TARGET = "target";
  public static final String ARGUMENTS = "arguments";
  public static final String RESPS = "resps";
  public static final String FILTERED_RESPS = "filtered_resps";
  public static final String FILTER = "filter";
  public static final String METRICS = "metrics";
  public static final String DOC_HASH = "doc_hash";
  public static final String PROMPT_HASH = "prompt_hash";
  public static final String TARGET_HASH = "target_hash";

  /** The samples fields that are not the sample's metric values. */
  public static final Set<String> SAMPLE_FIELDS =
      Set.of(DOC_ID, FILTER, PROMPT_HASH, DOC_HASH, RESPS, FILTERED_RESPS, TARGET, METRICS);

  private static final Pattern RESULTS_FILE = Pattern.compile("^results_(.+)\\.json$");
  private static final Pattern SAMPLES_DATED = Pattern.compile("^samples_(.+)_([^_]+)\\.jsonl?$");

  private LmEvalFormat() {}

  /** {@code results_<date_id>.json}. */
  public static String resultsFileName(String dateId) {
    return "results_" + dateId + ".json";
  }

  /** {@code samples_<task>_<date_id>.jsonl}. */
  public static String samplesFileName(String task, String dateId) {
    return "samples_" + task + "_" + dateId + ".jsonl";
  }

  /** The date id of {@code results_<date_id>.json}, or null (0.4.2's {@code results.json}). */
  public static String dateIdOf(String resultsFileName) {
    Matcher m = RESULTS_FILE.matcher(resultsFileName);
    return m.matches() ? m.group(1) : null;
  }

  /** True for a name like {@code samples_<task>_<date_id>.jsonl}. */
  public static boolean isDatedSamplesFile(String fileName) {
    return SAMPLES_DATED.matcher(fileName).matches();
  }

  /**
   * The task of {@code samples_<task>_<date_id>.json[l]}, or null when the name is not of that run.
   */
  public static String taskOfSamplesFile(String fileName, String dateId) {
    String prefix = "samples_";
    int end = fileName.lastIndexOf("_" + dateId);
    return fileName.startsWith(prefix) && end > prefix.length()
        ? fileName.substring(prefix.length(), end)
        : null;
  }

  /** True when {@code fileName} is a samples file of the run with this date id. */
  public static boolean isSamplesFileOf(String fileName, String dateId) {
    return fileName.startsWith("samples_")
        && (fileName.endsWith("_" + dateId + ".jsonl")
            || fileName.endsWith("_" + dateId + ".json"));
  }

  /** The key of the {@code i}-th request in a sample's {@code arguments}: {@code gen_args_<i>}. */
  public static String requestKey(int i) {
    return "gen_args_" + i;
  }

  /** The key of a request's {@code i}-th argument: {@code arg_<i>} ({@code arg_0} the prompt). */
  public static String argumentKey(int i) {
    return "arg_" + i;
  }

  /** {@code model_name_sanitized}: the harness replaces {@code /} with {@code __}. */
  public static String sanitizedModelName(String modelName) {
    return modelName.replace("/", "__");
  }

  /** A results entry's key of a metric's value: {@code <metric>,<filter>}. */
  public static String valueKey(String metric, String filter) {
    return new StringBuilder(metric).append(',').append(filter).toString();
  }

  /**
   * A results entry's key of a metric's standard error: {@code <metric>_stderr,<filter>}, or {@code
   * <metric>_stderr} for a key without a filter ({@code filter} null).
   */
  public static String stderrKey(String metric, String filter) {
    return filter == null ? metric + "_stderr" : metric + "_stderr," + filter;
  }
}
