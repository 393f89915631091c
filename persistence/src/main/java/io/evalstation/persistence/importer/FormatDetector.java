package io.evalstation.persistence.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.legacy.LegacyFormat;
import io.evalstation.persistence.files.lmeval.LmEvalFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises a file by its content (never by its name) and hashes it. Reads the whole file as a
 * stream (for the SHA-256) but parses only as much JSON as it needs: top-level keys, and for a
 * legacy session the tasks' {@code predictions_file} references.
 */
public final class FormatDetector {
  /**
   * What a file is.
   *
   * @param file the file
   * @param format its format
   * @param size bytes
   * @param sha256 hash of its bytes (hex), null when it could not be read
   * @param sessionId legacy {@code session_id} (sessions and prediction files), when found
   * @param category legacy {@code category}, when found
   * @param taskIndex legacy predictions' {@code task_index}, when found
   * @param predictionRefs {@code predictions_file} values of a legacy session's tasks
   * @param isJson whether the file starts like JSON ({@code {} or {@code [})
   * @param error why it could not be read, or null
   */
  public record Sniff(
      Path file,
      SourceFormat format,
      long size,
      String sha256,
      String sessionId,
      String category,
      Integer taskIndex,
      List<String> predictionRefs,
      boolean isJson,
      ImportException error) {}

  private FormatDetector() {}

  /** Sniffs a file; failures are returned in {@link Sniff#error()}, never thrown. */
  public static Sniff sniffQuietly(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      return new Sniff(
          file,
          SourceFormat.UNKNOWN,
          0,
          null,
          null,
          null,
          null,
          List.of(),
          false,
          new ImportException(file, null, "cannot read: " + e, e));
    }
    MessageDigest md = Hashing.sha256();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        DigestInputStream in = new DigestInputStream(raw, md)) {
      raw.mark(16);
      int first = firstNonSpace(raw);
      raw.reset();
      boolean json = first == '{' || first == '[';
      State st = new State();
      ImportException error = null;
      if (json) {
        JsonParser p = JsonFiles.MAPPER.createParser(in);
        try {
          parse(p, st);
        } catch (IOException e) {
          error = JsonFiles.failure(file, p, e);
        }
      }
      in.transferTo(java.io.OutputStream.nullOutputStream()); // the rest, for the hash
      SourceFormat f = st.format;
      if (json && f == SourceFormat.UNKNOWN && error == null) {
        error = new ImportException(file, "JSON of no known format (" + st.describe() + ")");
      }
      return new Sniff(
          file,
          f,
          size,
          Hashing.hex(md.digest()),
          st.sessionId,
          st.category,
          st.taskIndex,
          List.copyOf(st.refs),
          json,
          error);
    } catch (IOException e) {
      return new Sniff(
          file,
          SourceFormat.UNKNOWN,
          size,
          null,
          null,
          null,
          null,
          List.of(),
          false,
          new ImportException(file, null, "cannot read: " + e, e));
    }
  }

  private static int firstNonSpace(InputStream in) throws IOException {
    for (int i = 0; i < 16; i++) {
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      if (b == 0xEF || b == 0xBB || b == 0xBF) {
        continue; // UTF-8 byte order mark
      }
      if (!Character.isWhitespace(b)) {
        return b;
      }
    }
    return -1;
  }

  private static final class State {
    SourceFormat format = SourceFormat.UNKNOWN;
    String sessionId;
    String category;
    Integer taskIndex;
    boolean stoppedEarly;
    final List<String> refs = new ArrayList<>();
    final Set<String> keys = new HashSet<>();

    String describe() {
      return keys.isEmpty()
          ? "no recognised fields"
          : "top-level fields " + keys.stream().sorted().limit(8).toList();
    }
  }

  private static void parse(JsonParser p, State st) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_ARRAY) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          st.keys.add(k);
          p.nextToken();
          p.skipChildren();
        }
        if (st.keys.contains(LmEvalFormat.DOC_ID)) {
          st.format = SourceFormat.LM_EVAL_SAMPLES_ARRAY;
        }
      }
      return; // the rest is read for the hash only; the importer parses it
    }
    if (t != JsonToken.START_OBJECT) {
      return;
    }
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      st.keys.add(k);
      JsonToken v = p.nextToken();
      provisional(st, k);
      switch (k) {
        case LegacyFormat.SESSION_ID ->
            st.sessionId = v.isScalarValue() ? p.getValueAsString() : null;
        case LegacyFormat.CATEGORY -> st.category = v.isScalarValue() ? p.getValueAsString() : null;
        case LegacyFormat.TASK_INDEX -> st.taskIndex = v.isNumeric() ? p.getIntValue() : null;
        case LegacyFormat.PREDICTIONS -> {
          if (st.sessionId != null
              && st.taskIndex != null
              && !st.keys.contains(LegacyFormat.TASKS)) {
            // a predictions file that named its session and task first: the rest (the large
            // array) is only hashed here and parsed, with errors reported, by the importer
            st.format = SourceFormat.LEGACY_PREDICTIONS;
            st.stoppedEarly = true;
            return;
          }
          p.skipChildren();
        }
        case LegacyFormat.TASKS -> {
          if (v == JsonToken.START_ARRAY) {
            readRefs(p, st);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
    }
    Set<String> k = st.keys;
    st.format = SourceFormat.UNKNOWN;
    if (k.contains(LmEvalFormat.RESULTS)
        && (k.contains(LmEvalFormat.CONFIG)
            || k.contains(LmEvalFormat.CONFIGS)
            || k.contains(LmEvalFormat.VERSIONS)
            || k.contains(LmEvalFormat.LM_EVAL_VERSION)
            || k.contains(LmEvalFormat.N_SHOT))) {
      st.format = SourceFormat.LM_EVAL_RESULTS;
    } else if (k.contains(LmEvalFormat.DOC_ID)
        && (k.contains(LmEvalFormat.RESPS)
            || k.contains(LmEvalFormat.ARGUMENTS)
            || k.contains(LmEvalFormat.DOC))) {
      st.format = SourceFormat.LM_EVAL_SAMPLES_JSONL;
    } else if (k.contains(LegacyFormat.TASKS)
        && (k.contains(LegacyFormat.SESSION_ID) || k.contains(LegacyFormat.START_TIME))) {
      st.format = SourceFormat.LEGACY_SESSION;
    } else if (k.contains(LegacyFormat.PREDICTIONS)
        && (k.contains(LegacyFormat.TASK_INDEX) || k.contains(LegacyFormat.SESSION_ID))) {
      st.format = SourceFormat.LEGACY_PREDICTIONS;
    }
    if (st.format == SourceFormat.LM_EVAL_SAMPLES_JSONL) {
      return; // later lines are parsed by the importer
    }
    if (p.nextToken() != null) {
      throw new com.fasterxml.jackson.core.JsonParseException(
          p, "data after the end of the JSON document");
    }
  }

  /** A guess from the keys so far, so that a truncated file is still reported as what it is. */
  private static void provisional(State st, String key) {
    if (st.format != SourceFormat.UNKNOWN) {
      return;
    }
    switch (key) {
      case LegacyFormat.TASKS -> st.format = SourceFormat.LEGACY_SESSION;
      case LegacyFormat.PREDICTIONS -> st.format = SourceFormat.LEGACY_PREDICTIONS;
      case LmEvalFormat.RESULTS -> st.format = SourceFormat.LM_EVAL_RESULTS;
      default -> {}
    }
  }

  private static void readRefs(JsonParser p, State st) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new com.fasterxml.jackson.core.io.JsonEOFException(
            p, null, "Unexpected end-of-input in tasks");
      }
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        JsonToken v = p.nextToken();
        if (k.equals(LegacyFormat.PREDICTIONS_FILE) && v == JsonToken.VALUE_STRING) {
          st.refs.add(p.getText());
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
