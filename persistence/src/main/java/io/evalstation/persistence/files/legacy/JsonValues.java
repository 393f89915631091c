package io.evalstation.persistence.files.legacy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.Set;

/**
 * The values of one legacy file read at the parser's position, leniently where older files were
 * loose (numbers as text, {@code "true"}, {@code 1.0} for 1) and with an error naming the file,
 * position and field otherwise.
 */
final class JsonValues {
  private final Path file;

  JsonValues(Path file) {
    this.file = file;
  }

  void expect(JsonParser p, JsonToken actual, JsonToken wanted, String what, String expected) {
    if (actual != wanted) {
      if (actual == null) {
        throw new ImportException(
            file, JsonFiles.position(p), "file ends early (truncated?) in " + what, null);
      }
      throw JsonFiles.typeError(file, p, what, expected);
    }
  }

  String scalar(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!t.isScalarValue()) {
      throw JsonFiles.typeError(file, p, field, "a text or number");
    }
    return p.getValueAsString();
  }

  ObjectNode object(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw JsonFiles.typeError(file, p, field, "an object");
    }
    return p.readValueAsTree();
  }

  Integer intValue(JsonParser p, String field) throws IOException {
    Long l = longValue(p, field);
    if (l != null && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
      throw new ImportException(
          file, JsonFiles.position(p), "field '" + field + "' is " + l + ", too large", null);
    }
    return l == null ? null : l.intValue();
  }

  Long longValue(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT && p.getDoubleValue() == Math.rint(p.getDoubleValue())) {
      return (long) p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING && p.getText().trim().matches("-?\\d+")) {
      return Long.parseLong(p.getText().trim());
    }
    throw JsonFiles.typeError(file, p, field, "a whole number");
  }

  Boolean bool(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
    }
    if (t == JsonToken.VALUE_NUMBER_INT && (p.getIntValue() == 0 || p.getIntValue() == 1)) {
      return p.getIntValue() == 1;
    }
    throw JsonFiles.typeError(file, p, field, "true or false");
  }

  Temporal time(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!t.isScalarValue()) {
      throw JsonFiles.typeError(file, p, field, "a time");
    }
    try {
      return LegacyTimes.parse(p.getValueAsString());
    } catch (IllegalArgumentException e) {
      throw new ImportException(
          file, JsonFiles.position(p), "field '" + field + "': " + e.getMessage(), e);
    }
  }

  /** A prediction's {@code correct}: true, false, 1, 0, "true", "false" or null. */
  Boolean correct(JsonNode c, String pos, int sampleId) {
    if (c == null || c.isNull()) {
      return null;
    }
    if (c.isBoolean()) {
      return c.booleanValue();
    }
    if (c.isNumber() && (c.doubleValue() == 0 || c.doubleValue() == 1)) {
      return c.doubleValue() == 1;
    }
    if (c.isTextual()
        && Set.of("true", "false").contains(c.textValue().trim().toLowerCase(Locale.ROOT))) {
      return Boolean.parseBoolean(c.textValue().trim());
    }
    throw new ImportException(
        file,
        pos,
        "prediction " + sampleId + ": correct is '" + c + "', expected true, false or null",
        null);
  }
}
