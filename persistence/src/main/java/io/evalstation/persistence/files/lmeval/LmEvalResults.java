package io.evalstation.persistence.files.lmeval;

import static io.evalstation.persistence.files.lmeval.LmEvalFormat.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.model.MetricKey;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.TaskMetric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An lm-evaluation-harness results file ({@link LmEvalFormat}), read. Results files are small
 * (metrics, configs, environment), so this one is read as a tree; the large samples files are
 * streamed by {@link LmEvalSamples}.
 */
public final class LmEvalResults {
  /**
   * One task's entry in {@code results}.
   *
   * @param name the task's name
   * @param raw the entry as the file has it
   * @param metrics its metrics, one per metric and filter
   * @param samplesProcessed samples evaluated, when the file says
   * @param originalCount samples in the dataset, when the file says
   * @param provenance the task's entries of the per-task sections ({@code configs}, {@code
   *     versions}…)
   */
  public record TaskResult(
      String name,
      ObjectNode raw,
      List<TaskMetric> metrics,
      Integer samplesProcessed,
      Integer originalCount,
      ObjectNode provenance) {}

  private final Path file;
  private final ObjectNode root;
  private final String dateId;
  private final List<TaskResult> tasks = new ArrayList<>();

  private LmEvalResults(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
    this.dateId = dateIdOf(file.getFileName().toString());
  }

  /** Reads a results file from {@code in}; errors name {@code file}. */
  public static LmEvalResults read(Path file, InputStream in) {
    JsonParser p = null;
    try {
      p = JsonFiles.MAPPER.createParser(in);
      JsonNode node = JsonFiles.MAPPER.readTree(p);
      if (node == null || !node.isObject() || !node.path(RESULTS).isObject()) {
        throw new ImportException(
            file, "not an lm-eval results file (expected an object with a 'results' object)");
      }
      LmEvalResults r = new LmEvalResults(file, (ObjectNode) node);
      r.readTasks();
      return r;
    } catch (IOException e) {
      throw JsonFiles.failure(file, p, e);
    }
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** The date id of {@code results_<date_id>.json}; null for 0.4.2's {@code results.json}. */
  public String dateId() {
    return dateId;
  }

  /** The tasks' entries, in file order. */
  public List<TaskResult> tasks() {
    return tasks;
  }

  private void readTasks() {
    Iterator<Map.Entry<String, JsonNode>> it = root.get(RESULTS).fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String task = e.getKey();
      if (!e.getValue().isObject()) {
        throw new ImportException(
            file, "results." + task + " is " + e.getValue().getNodeType() + ", expected an object");
      }
      ObjectNode entry = (ObjectNode) e.getValue();
      List<TaskMetric> metrics = metrics(entry);
      Integer processed = JsonFiles.intOrNull(entry.get("sample_count"));
      if (processed == null) {
        processed = JsonFiles.intOrNull(entry.get("sample_len"));
      }
      JsonNode ns = root.path(N_SAMPLES).path(task);
      if (processed == null) {
        processed = JsonFiles.intOrNull(ns.get(EFFECTIVE));
      }
      Integer original = JsonFiles.intOrNull(ns.get(ORIGINAL));
      ObjectNode prov = JsonFiles.MAPPER.createObjectNode();
      for (String section : TASK_SECTIONS) {
        JsonNode v = root.path(section).get(task);
        if (v != null) {
          prov.set(section, v);
        }
      }
      JsonNode subtasks = root.path(GROUP_SUBTASKS).get(task);
      if (subtasks != null && subtasks.size() > 0) {
        prov.set(GROUP_SUBTASKS, subtasks);
      }
      tasks.add(new TaskResult(task, entry, metrics, processed, original, prov));
    }
  }

  private static List<TaskMetric> metrics(ObjectNode entry) {
    Map<String, TaskMetric> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = entry.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (NOT_METRICS.contains(key)) {
        continue;
      }
      int comma = key.indexOf(',');
      String metric = comma < 0 ? key : key.substring(0, comma);
      String filter = comma < 0 ? MetricKey.NO_FILTER : key.substring(comma + 1);
      if (metric.endsWith("_stderr") || metric.isBlank()) {
        continue;
      }
      Double value;
      try {
        value = JsonFiles.number(e.getValue());
      } catch (NumberFormatException ex) {
        continue; // a non-numeric entry (a nested object, a name) is kept only in the raw JSON
      }
      Double stderr =
          JsonFiles.numberOrNull(entry.get(stderrKey(metric, comma < 0 ? null : filter)));
      if (stderr != null && stderr < 0) {
        stderr = null;
      }
      if (value != null && value.isNaN()) {
        value = null;
      }
      MetricKey k = new MetricKey(metric, filter);
      out.putIfAbsent(k.toString(), new TaskMetric(k.metric(), k.filter(), value, stderr));
    }
    return new ArrayList<>(out.values());
  }

  private String text(String field) {
    JsonNode v = root.get(field);
    return v == null || v.isNull() ? null : JsonFiles.string(v);
  }

  /** The model's name: {@code model_name}, else {@code pretrained=}/{@code model=} of its args. */
  public String modelName() {
    String name = text(MODEL_NAME);
    if (name != null && !name.isBlank()) {
      return name.trim();
    }
    String fromArgs = modelArg("pretrained");
    if (fromArgs == null) {
      fromArgs = modelArg("model");
    }
    if (fromArgs == null) {
      fromArgs = modelArg("path");
    }
    if (fromArgs != null) {
      return fromArgs;
    }
    String source = root.path(CONFIG).path(MODEL).asText(null);
    if (source != null && !source.isBlank()) {
      return source;
    }
    throw new ImportException(
        file,
        "no model name (model_name is empty and config.model_args has no pretrained=/model=)");
  }

  /** One argument of {@code config.model_args}, which is a string "a=b,c=d" or an object. */
  public String modelArg(String key) {
    JsonNode args = root.path(CONFIG).path(MODEL_ARGS);
    if (args.isObject()) {
      JsonNode v = args.get(key);
      return v == null || v.isNull() ? null : JsonFiles.string(v);
    }
    if (args.isTextual()) {
      for (String part : args.textValue().split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals(key)) {
          String v = part.substring(eq + 1).trim();
          return v.isEmpty() ? null : v;
        }
      }
    }
    return null;
  }

  /** The backend lm-eval used ({@code hf}, {@code vllm}, {@code local-completions}, …). */
  public String backend() {
    String s = text(MODEL_SOURCE);
    return s != null ? s : root.path(CONFIG).path(MODEL).asText(null);
  }

  /** Unix time the run started, or null. */
  public Double date() {
    try {
      return JsonFiles.number(root.get(DATE));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** How long the run took, in seconds, or null. */
  public Double totalSeconds() {
    try {
      return JsonFiles.number(root.get(TOTAL_EVALUATION_TIME_SECONDS));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The task hashes, sorted by task, as one string ("" when the file has none). */
  public String taskHashes() {
    JsonNode h = root.get(TASK_HASHES);
    if (h == null || !h.isObject()) {
      return "";
    }
    Map<String, String> sorted = new TreeMap<>();
    h.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    return sorted.toString();
  }

  /** The session's provenance: everything of the file except the per-task results. */
  public ObjectNode provenance(String sourceSha256) {
    ObjectNode p = root.deepCopy();
    p.remove(RESULTS);
    p.put("source_file", file.getFileName().toString());
    p.put("source_sha256", sourceSha256);
    return p;
  }
}
