package io.evalstation.persistence.files;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Jackson setup every reader and writer of this package shares, and the small conversions of
 * JSON values that older files need (numbers as text, {@code NaN}, {@code "N/A"}).
 */
public final class JsonFiles {
  /** Reads NaN/Infinity (legacy files have them) and long strings (predictions are long). */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  // readers close their streams themselves (the importer hashes past the JSON's
                  // end)
                  .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNestingDepth(2000)
                          .build())
                  .build())
          .build();

  /** The writers' codec: plain Jackson, so that written bytes do not depend on reading options. */
  private static final ObjectMapper CODEC = new ObjectMapper();

  private JsonFiles() {}

  // ------------------------------------------------------------------ reading

  /** Line, column and byte offset of the parser, for error messages. */
  public static String position(JsonParser p) {
    return position(p.currentLocation());
  }

  /** Line, column and byte offset of a location; null for null. */
  public static String position(JsonLocation loc) {
    if (loc == null) {
      return null;
    }
    return "line "
        + loc.getLineNr()
        + ", column "
        + loc.getColumnNr()
        + (loc.getByteOffset() >= 0 ? " (byte " + loc.getByteOffset() + ")" : "");
  }

  /** Wraps a Jackson or I/O failure as a failure naming the file and position. */
  public static ImportException failure(Path file, JsonParser p, IOException e) {
    String pos = null;
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      pos = position(jpe.getLocation());
    } else if (p != null) {
      pos = position(p);
    }
    String reason =
        e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.toString();
    if (reason != null) {
      // Jackson names the source it was not allowed to show; the file is named by us
      reason =
          reason.replaceAll(
              "\\[Source: REDACTED \\(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ",
              "[");
    }
    if (reason != null && reason.startsWith("Unexpected end-of-input")) {
      reason = "file ends early (truncated?): " + reason;
    }
    return new ImportException(file, pos, reason, e);
  }

  /** A type error at the parser's position. */
  public static ImportException typeError(Path file, JsonParser p, String field, String expected) {
    return new ImportException(
        file,
        position(p),
        "field '" + field + "' is " + describe(p.currentToken()) + ", expected " + expected,
        null);
  }

  /** A token in words: "an object", "a number", "missing"… */
  public static String describe(JsonToken t) {
    if (t == null) {
      return "missing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  /** JSON text of a value. */
  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** The entries of a JSON object, in order; empty for null or anything but an object. */
  public static Map<String, Object> fields(JsonNode n) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** An object node holding a map's entries (JSON values as they are); empty for null. */
  public static ObjectNode object(Map<String, ?> map) {
    ObjectNode o = MAPPER.createObjectNode();
    if (map != null) {
      map.forEach((k, v) -> o.set(k, v instanceof JsonNode n ? n : MAPPER.valueToTree(v)));
    }
    return o;
  }

  /**
   * A number from a JSON value: numbers, numeric strings ({@code "0.70"}), {@code NaN}. Null when
   * the value is null/missing; NaN stays NaN; throws {@link NumberFormatException} otherwise.
   */
  public static Double number(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      String s = v.textValue().trim();
      if (s.equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      if (s.isEmpty() || s.equalsIgnoreCase("n/a") || s.equalsIgnoreCase("null")) {
        return null;
      }
      return Double.parseDouble(s);
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? 1.0 : 0.0;
    }
    throw new NumberFormatException("not a number: " + v.getNodeType());
  }

  /** A number, or null for anything that is not one (and for NaN). */
  public static Double numberOrNull(JsonNode v) {
    try {
      Double d = number(v);
      return d == null || d.isNaN() ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A whole number (rounded), or null for anything that is not a number. */
  public static Integer intOrNull(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    Double d = numberOrNull(v);
    return d == null ? null : (int) Math.round(d);
  }

  /** A string of a scalar node; JSON text for containers; null for null. */
  public static String string(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    return text(v);
  }

  // ------------------------------------------------------------------ writing

  /**
   * A generator writing UTF-8 to {@code file}: indented by two spaces, one field per line (as
   * Python's {@code json.dump(indent=2)} wrote the legacy files), or compact.
   */
  public static JsonGenerator generator(Path file, JsonLayout layout) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    JsonGenerator g = CODEC.getFactory().createGenerator(out, JsonEncoding.UTF8);
    g.setCodec(CODEC);
    if (layout == JsonLayout.PRETTY) {
      g.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    }
    return g;
  }

  /** The temporary name a file is written under until it is complete. */
  public static Path partFile(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  /**
   * Closes a completely written generator (after a last newline when asked) and moves its temporary
   * file to its final name.
   */
  public static void finish(JsonGenerator g, boolean newline, Path part, Path target) {
    try {
      if (newline) {
        g.writeRaw('\n');
      }
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
    moveIntoPlace(part, target);
  }

  /** Moves a completely written temporary file to its final name (atomically where possible). */
  public static void moveIntoPlace(Path part, Path target) {
    try {
      try {
        Files.move(
            part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
  }
}
