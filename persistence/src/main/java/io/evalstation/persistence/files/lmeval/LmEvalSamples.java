package io.evalstation.persistence.files.lmeval;

import static io.evalstation.persistence.files.lmeval.LmEvalFormat.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.SamplePrediction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Streams an lm-evaluation-harness samples file ({@link LmEvalFormat}): JSON lines (0.4.3+) or one
 * JSON array (0.4.2 and earlier). One sample at a time is in memory; each becomes the prediction
 * Evalstation stores (the prompt from the first request's arguments, the response, whether it was
 * correct from its 0/1 metrics).
 */
public final class LmEvalSamples {
  /** Per-sample metrics that say whether the sample was answered correctly (1/0). */
  private static final List<String> CORRECTNESS =
      List.of("exact_match", "acc", "pass_at_1", "pass@1");

  /** Receives each sample's prediction. */
  @FunctionalInterface
  public interface Sink {
    void accept(SamplePrediction prediction) throws IOException;
  }

  private LmEvalSamples() {}

  /**
   * Reads every sample of {@code file} from {@code in} and hands its prediction to {@code sink}.
   */
  public static void read(Path file, InputStream in, Sink sink) {
    JsonParser p = null;
    try {
      p = JsonFiles.MAPPER.createParser(in);
      JsonToken t = p.nextToken();
      boolean array = t == JsonToken.START_ARRAY;
      if (array) {
        t = p.nextToken();
      }
      while (t != null && t != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          throw new ImportException(
              file,
              JsonFiles.position(p),
              "expected a sample object, found " + JsonFiles.describe(t),
              null);
        }
        String pos = JsonFiles.position(p);
        JsonNode sample = p.readValueAsTree();
        sink.accept(toPrediction(file, pos, (ObjectNode) sample));
        t = p.nextToken();
      }
      if (array && t == JsonToken.END_ARRAY && p.nextToken() != null) {
        throw new ImportException(
            file, JsonFiles.position(p), "data after the samples array", null);
      }
    } catch (IOException e) {
      throw JsonFiles.failure(file, p, e);
    }
  }

  static SamplePrediction toPrediction(Path file, String pos, ObjectNode s) {
    JsonNode docId = s.get(DOC_ID);
    if (docId == null || !docId.canConvertToInt() || !docId.isIntegralNumber()) {
      throw new ImportException(
          file,
          pos,
          "sample's doc_id is "
              + (docId == null ? "missing" : docId.getNodeType().toString().toLowerCase())
              + ", expected a whole number",
          null);
    }
    String filter = JsonFiles.string(s.get(FILTER));
    ObjectNode extra = JsonFiles.MAPPER.createObjectNode();
    ObjectNode metrics = JsonFiles.MAPPER.createObjectNode();
    JsonNode metricNames = s.get(METRICS);
    if (metricNames != null && metricNames.isArray()) {
      for (JsonNode n : metricNames) {
        JsonNode v = s.get(n.asText());
        if (v != null) {
          metrics.set(n.asText(), v);
        }
      }
    } else {
      // 0.4.2 and older have no "metrics" list: the per-sample figures are the numeric fields
      s.fields()
          .forEachRemaining(
              e -> {
                if (!SAMPLE_FIELDS.contains(e.getKey()) && e.getValue().isNumber()) {
                  metrics.set(e.getKey(), e.getValue());
                }
              });
    }
    String prompt = null;
    Iterator<Map.Entry<String, JsonNode>> it = s.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (SAMPLE_FIELDS.contains(k) || metrics.has(k)) {
        continue;
      }
      if (k.equals(ARGUMENTS)) {
        prompt = prompt(e.getValue());
        JsonNode rest = withoutPrompt(e.getValue());
        if (rest != null) {
          extra.set(ARGUMENTS, rest);
        }
        continue;
      }
      extra.set(k, e.getValue());
    }
    if (metricNames != null) {
      extra.set(METRICS, metricNames);
    }
    Boolean correct = null;
    for (String m : CORRECTNESS) {
      JsonNode v = metrics.get(m);
      if (v != null && v.isNumber()) {
        double d = v.doubleValue();
        if (d == 1.0 || d == 0.0) {
          correct = d == 1.0;
          break;
        }
      } else if (v != null && v.isBoolean()) {
        correct = v.booleanValue();
        break;
      }
    }
    return new SamplePrediction(
        docId.intValue(),
        filter == null || filter.isBlank() ? "none" : filter,
        JsonFiles.string(s.get(PROMPT_HASH)),
        JsonFiles.string(s.get(DOC_HASH)),
        prompt,
        single(s.get(RESPS)),
        single(s.get(FILTERED_RESPS)),
        JsonFiles.string(s.get(TARGET)),
        correct,
        null,
        metrics.isEmpty() ? null : metrics,
        JsonFiles.fields(extra));
  }

  /** The first request's context: {@code arguments.gen_args_0.arg_0} (or {@code [[ctx, …]]}). */
  static String prompt(JsonNode arguments) {
    JsonNode first = null;
    if (arguments.isObject()) {
      Iterator<JsonNode> it = arguments.elements();
      first = it.hasNext() ? it.next() : null;
    } else if (arguments.isArray() && arguments.size() > 0) {
      first = arguments.get(0);
    }
    if (first == null) {
      return null;
    }
    JsonNode ctx =
        first.isObject() ? first.get(argumentKey(0)) : first.isArray() ? first.get(0) : first;
    return single(ctx);
  }

  private static JsonNode withoutPrompt(JsonNode arguments) {
    JsonNode copy = arguments.deepCopy();
    if (copy.isObject()) {
      Iterator<JsonNode> it = copy.elements();
      if (it.hasNext()) {
        JsonNode first = it.next();
        if (first.isObject()) {
          ((ObjectNode) first).remove(argumentKey(0));
        }
      }
    }
    return copy;
  }

  /**
   * A response as text: a string as is, a list holding one string (or one list holding one string)
   * as that string, anything else as JSON text.
   */
  static String single(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    JsonNode x = v;
    while (x.isArray() && x.size() == 1) {
      x = x.get(0);
    }
    if (x.isTextual()) {
      return x.textValue();
    }
    return JsonFiles.string(v);
  }
}
