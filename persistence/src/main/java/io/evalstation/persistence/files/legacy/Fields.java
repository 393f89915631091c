package io.evalstation.persistence.files.legacy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Set;

/**
 * Writes one field the way {@link LegacyFormat} says: {@code always} fields (the pipeline's) even
 * when null, the others only when known; times as {@link LegacyTimes#format}.
 */
final class Fields {
  private Fields() {}

  /** A text, number, boolean, time or JSON value (a map, a list, a JSON tree). */
  static void field(JsonGenerator g, String name, Object v, boolean always) throws IOException {
    if (v == null) {
      if (always) {
        g.writeNullField(name);
      }
      return;
    }
    g.writeFieldName(name);
    // the common scalars directly: a corpus writes millions of them
    if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Temporal t) {
      g.writeString(LegacyTimes.format(t));
    } else {
      g.writeObject(v);
    }
  }

  /** An object field written only when it has entries. */
  static void nonEmpty(JsonGenerator g, String name, Map<String, ?> v) throws IOException {
    if (v != null && !v.isEmpty()) {
      field(g, name, v, false);
    }
  }

  /** The {@code extra} entries, except those named like a field of the object ({@code known}). */
  static void extra(JsonGenerator g, Map<String, ?> extra, Set<String> known) throws IOException {
    for (Map.Entry<String, ?> e : extra.entrySet()) {
      if (!known.contains(e.getKey())) {
        g.writeFieldName(e.getKey());
        g.writeObject(e.getValue());
      }
    }
  }

  /** Writes one entry's fields inside its object. */
  @FunctionalInterface
  interface EntryWriter<T> {
    void write(T entry) throws IOException;
  }

  /** A map of objects ({@code models}, {@code datasets}), when there is one. */
  static <T> void objects(JsonGenerator g, String name, Map<String, T> map, EntryWriter<T> entry)
      throws IOException {
    if (map == null) {
      return;
    }
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, T> e : map.entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      entry.write(e.getValue());
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
