package io.evalstation.persistence.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstation.persistence.files.JsonFiles;
import org.jooq.JSONB;

/** JSON values as the importers store them in JSONB columns. */
final class JsonSupport {
  private JsonSupport() {}

  /** JSONB of a node; null stays null. NaN is written as the string "NaN" (JSONB has no NaN). */
  static JSONB jsonb(JsonNode node) {
    return node == null ? null : JSONB.valueOf(JsonFiles.text(node));
  }

  /** JSONB of an object node, {@code {}} when empty or null. */
  static JSONB jsonbObject(ObjectNode node) {
    return node == null ? JSONB.valueOf("{}") : jsonb(node);
  }
}
