package io.evalstation.persistence.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.jooq.JSONB;

/** The importers' shared Jackson setup and small conversions. */
final class JsonSupport {
  /** Reads NaN/Infinity (legacy files have them) and long strings (predictions are long). */
  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  // the importers close their streams themselves (and hash past the JSON's end)
                  .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNestingDepth(2000)
                          .build())
                  .build())
          .build();

  private JsonSupport() {}

  /** Line, column and byte offset of the parser, for error messages. */
  static String position(JsonParser p) {
    return position(p.currentLocation());
  }

  static String position(JsonLocation loc) {
    if (loc == null) {
      return null;
    }
    return "line "
        + loc.getLineNr()
        + ", column "
        + loc.getColumnNr()
        + (loc.getByteOffset() >= 0 ? " (byte " + loc.getByteOffset() + ")" : "");
  }

  /** Wraps a Jackson or I/O failure as an import failure naming the file and position. */
  static ImportException failure(Path file, JsonParser p, IOException e) {
    String pos = null;
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      pos = position(jpe.getLocation());
    } else if (p != null) {
      pos = position(p);
    }
    String reason =
        e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.toString();
    if (reason != null && reason.startsWith("Unexpected end-of-input")) {
      reason = "file ends early (truncated?): " + reason;
    }
    return new ImportException(file, pos, reason, e);
  }

  /** A type error at the parser's position. */
  static ImportException typeError(Path file, JsonParser p, String field, String expected) {
    return new ImportException(
        file,
        position(p),
        "field '" + field + "' is " + describe(p.currentToken()) + ", expected " + expected,
        null);
  }

  static String describe(JsonToken t) {
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

  /** JSONB of a node; null stays null. NaN is written as the string "NaN" (JSONB has no NaN). */
  static JSONB jsonb(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return JSONB.valueOf(MAPPER.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** JSONB of an object node, {@code {}} when empty or null. */
  static JSONB jsonbObject(ObjectNode node) {
    return node == null ? JSONB.valueOf("{}") : jsonb(node);
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A number from a JSON value: numbers, numeric strings ({@code "0.70"}), {@code NaN}. Null when
   * the value is null/missing; NaN stays NaN; throws {@link NumberFormatException} otherwise.
   */
  static Double number(JsonNode v) {
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

  /** A string of a scalar node; JSON text for containers; null for null. */
  static String string(JsonNode v) {
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
}
