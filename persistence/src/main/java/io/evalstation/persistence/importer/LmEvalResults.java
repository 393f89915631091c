package io.evalstation.persistence.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.model.MetricKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An lm-evaluation-harness results file, read. Results files are small (metrics, configs,
 * environment), so this one is read as a tree; the large samples files are streamed.
 */
final class LmEvalResults {
  private static final Pattern DATE_ID = Pattern.compile("^results_(.+)\\.json$");

  /** Keys of a task's results entry that are not metrics. */
  private static final Set<String> NOT_METRICS =
      Set.of("alias", "name", "sample_len", "sample_count", "samples", " ", "group", "task");

  /** One metric under one filter, as the file has it. */
  record Metric(String metric, String filter, Double value, Double stderr) {}

  /** One task's entry in {@code results}. */
  record TaskResult(
      String name,
      ObjectNode raw,
      List<Metric> metrics,
      Integer samplesProcessed,
      Integer originalCount,
      ObjectNode provenance) {}

  final Path file;
  final ObjectNode root;
  final String dateId;
  final List<TaskResult> tasks = new ArrayList<>();

  private LmEvalResults(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
    Matcher m = DATE_ID.matcher(file.getFileName().toString());
    this.dateId = m.matches() ? m.group(1) : null;
  }

  static LmEvalResults read(Path file, InputStream in) {
    JsonParser p = null;
    try {
      p = JsonSupport.MAPPER.createParser(in);
      JsonNode node = JsonSupport.MAPPER.readTree(p);
      if (node == null || !node.isObject() || !node.path("results").isObject()) {
        throw new ImportException(
            file, "not an lm-eval results file (expected an object with a 'results' object)");
      }
      LmEvalResults r = new LmEvalResults(file, (ObjectNode) node);
      r.readTasks();
      return r;
    } catch (IOException e) {
      throw JsonSupport.failure(file, p, e);
    }
  }

  private void readTasks() {
    Iterator<Map.Entry<String, JsonNode>> it = root.get("results").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String task = e.getKey();
      if (!e.getValue().isObject()) {
        throw new ImportException(
            file, "results." + task + " is " + e.getValue().getNodeType() + ", expected an object");
      }
      ObjectNode entry = (ObjectNode) e.getValue();
      List<Metric> metrics = metrics(task, entry);
      Integer processed = intOrNull(entry.get("sample_count"));
      if (processed == null) {
        processed = intOrNull(entry.get("sample_len"));
      }
      JsonNode ns = root.path("n-samples").path(task);
      if (processed == null) {
        processed = intOrNull(ns.get("effective"));
      }
      Integer original = intOrNull(ns.get("original"));
      ObjectNode prov = JsonSupport.MAPPER.createObjectNode();
      for (String section :
          List.of(
              "configs", "versions", "n-shot", "n-samples", "higher_is_better", "task_hashes")) {
        JsonNode v = root.path(section).get(task);
        if (v != null) {
          prov.set(section, v);
        }
      }
      JsonNode subtasks = root.path("group_subtasks").get(task);
      if (subtasks != null && subtasks.size() > 0) {
        prov.set("group_subtasks", subtasks);
      }
      tasks.add(new TaskResult(task, entry, metrics, processed, original, prov));
    }
  }

  private List<Metric> metrics(String task, ObjectNode entry) {
    Map<String, Metric> out = new LinkedHashMap<>();
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
      JsonNode v = e.getValue();
      Double value;
      try {
        value = JsonSupport.number(v);
      } catch (NumberFormatException ex) {
        continue; // a non-numeric entry (a nested object, a name) is kept only in the raw JSON
      }
      String stderrKey = comma < 0 ? metric + "_stderr" : metric + "_stderr," + filter;
      Double stderr;
      try {
        stderr = JsonSupport.number(entry.get(stderrKey));
      } catch (NumberFormatException ex) {
        stderr = null;
      }
      if (stderr != null && (stderr.isNaN() || stderr < 0)) {
        stderr = null;
      }
      if (value != null && value.isNaN()) {
        value = null;
      }
      MetricKey k = new MetricKey(metric, filter);
      out.putIfAbsent(k.toString(), new Metric(k.metric(), k.filter(), value, stderr));
    }
    return new ArrayList<>(out.values());
  }

  static Integer intOrNull(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      Double d = JsonSupport.number(v);
      return d == null || d.isNaN() ? null : (int) Math.round(d);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  String text(String field) {
    JsonNode v = root.get(field);
    return v == null || v.isNull() ? null : JsonSupport.string(v);
  }

  /** The model's name: {@code model_name}, else {@code pretrained=}/{@code model=} of its args. */
  String modelName() {
    String name = text("model_name");
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
    String source = root.path("config").path("model").asText(null);
    if (source != null && !source.isBlank()) {
      return source;
    }
    throw new ImportException(
        file,
        "no model name (model_name is empty and config.model_args has no pretrained=/model=)");
  }

  /** One argument of {@code config.model_args}, which is a string "a=b,c=d" or an object. */
  String modelArg(String key) {
    JsonNode args = root.path("config").path("model_args");
    if (args.isObject()) {
      JsonNode v = args.get(key);
      return v == null || v.isNull() ? null : JsonSupport.string(v);
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
  String backend() {
    String s = text("model_source");
    return s != null ? s : root.path("config").path("model").asText(null);
  }

  /** Unix time the run started, or null. */
  Double date() {
    try {
      return JsonSupport.number(root.get("date"));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  Double totalSeconds() {
    try {
      return JsonSupport.number(root.get("total_evaluation_time_seconds"));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The task hashes, sorted by task, as one string ("" when the file has none). */
  String taskHashes() {
    JsonNode h = root.get("task_hashes");
    if (h == null || !h.isObject()) {
      return "";
    }
    Map<String, String> sorted = new TreeMap<>();
    h.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    return sorted.toString();
  }

  /** The session's provenance: everything of the file except the per-task results. */
  ObjectNode provenance(String sourceSha256) {
    ObjectNode p = root.deepCopy();
    p.remove("results");
    p.put("source_file", file.getFileName().toString());
    p.put("source_sha256", sourceSha256);
    return p;
  }
}
