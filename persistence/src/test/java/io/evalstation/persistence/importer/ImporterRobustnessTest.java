package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupted corpora, concurrent imports and cancellation, on the real embedded PostgreSQL. */
class ImporterRobustnessTest {
  @TempDir static Path dbDir;
  static Database db;

  @BeforeAll
  static void open() {
    db = TestDatabase.open(dbDir);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static Importer importer() {
    return new Importer(db, new ImportOptions(ZoneOffset.UTC));
  }

  /** A valid session with {@code n} embedded predictions. */
  static String session(String id, int n, int textLength) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"session_id\": \"")
        .append(id)
        .append("\", \"category\": \"robust\",\n")
        .append(
            " \"start_time\": \"2025-05-05T10:00:00\", \"end_time\": \"2025-05-05T11:00:00\", \"status\": \"completed\",\n")
        .append(
            " \"tasks\": [{\"task_index\": 1, \"model_name\": \"m\", \"dataset_name\": \"d\", \"success\": true,\n")
        .append("  \"results\": {\"samples_processed\": ")
        .append(n)
        .append(", \"evaluation_metrics\": {\"accuracy\": 0.5}},\n")
        .append("  \"predictions\": [\n");
    String text = "x".repeat(textLength);
    for (int i = 0; i < n; i++) {
      sb.append("   {\"sample_id\": ")
          .append(i)
          .append(", \"prompt_hash\": \"h")
          .append(i)
          .append("\", \"prediction\": \"ü ")
          .append(text)
          .append(i)
          .append("\", \"correct\": ")
          .append(i % 2 == 0)
          .append("}")
          .append(i + 1 < n ? ",\n" : "\n");
    }
    sb.append("  ]}]}\n");
    return sb.toString();
  }

  static int sessions(String idPrefix) {
    return db.dsl()
        .fetchCount(EVALUATION_SESSIONS, EVALUATION_SESSIONS.SOURCE_IDENTITY.startsWith(idPrefix));
  }

  @Test
  void corruptedCorpusReportsEveryBadFileAndImportsEveryGoodOne(@TempDir Path dir)
      throws Exception {
    List<Path> bad = new ArrayList<>();
    byte[] full = session("C_full", 40, 30).getBytes(StandardCharsets.UTF_8);
    for (int i = 1; i <= 24; i++) {
      int offset = (int) ((long) full.length * i / 25);
      Path f = dir.resolve("trunc" + i).resolve("evaluation_session_C_t" + i + ".json");
      Files.createDirectories(f.getParent());
      byte[] body =
          new String(full, StandardCharsets.UTF_8)
              .replace("C_full", "C_t" + i)
              .getBytes(StandardCharsets.UTF_8);
      Files.write(f, java.util.Arrays.copyOf(body, Math.min(offset, body.length - 3)));
      bad.add(f);
    }
    Map<String, String> wrong =
        Map.of(
            "task_index_text",
                session("C_w1", 3, 5).replace("\"task_index\": 1", "\"task_index\": \"abc\""),
            "metrics_array",
                session("C_w2", 3, 5)
                    .replace(
                        "\"evaluation_metrics\": {\"accuracy\": 0.5}",
                        "\"evaluation_metrics\": [1, 2]"),
            "predictions_text",
                session("C_w3", 0, 5)
                    .replace("\"predictions\": [\n  ]", "\"predictions\": \"none\""),
            "tasks_object",
                "{\"session_id\": \"C_w4\", \"start_time\": \"2025-01-01T00:00:00\", \"tasks\": {\"a\": 1}}",
            "correct_maybe",
                session("C_w5", 3, 5).replace("\"correct\": true", "\"correct\": \"maybe\""),
            "bad_time", session("C_w6", 3, 5).replace("2025-05-05T10:00:00", "yesterday"),
            "unknown_format", "{\"hello\": \"world\"}",
            "empty", "");
    for (var e : wrong.entrySet()) {
      Path f = dir.resolve("wrong").resolve(e.getKey() + ".json");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      bad.add(f);
    }
    Path utf = dir.resolve("utf8").resolve("evaluation_session_C_u.json");
    Files.createDirectories(utf.getParent());
    byte[] u = session("C_u", 5, 5).getBytes(StandardCharsets.UTF_8);
    String s = new String(u, StandardCharsets.UTF_8);
    int at = s.indexOf("xxxxx2");
    byte[] withBad = new byte[u.length + 2];
    int bytePos = s.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
    System.arraycopy(u, 0, withBad, 0, bytePos);
    withBad[bytePos] = (byte) 0xC3;
    withBad[bytePos + 1] = (byte) 0x28;
    System.arraycopy(u, bytePos, withBad, bytePos + 2, u.length - bytePos);
    Files.write(utf, withBad);
    bad.add(utf);
    List<Path> good = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Path f = dir.resolve("good").resolve("evaluation_session_C_g" + i + ".json");
      Files.createDirectories(f.getParent());
      Files.writeString(f, session("C_g" + i, 10, 20));
      good.add(f);
    }
    ImportReport r = importer().importPaths(List.of(dir));
    Map<Path, UnitReport> byFile =
        r.units().stream().collect(Collectors.toMap(UnitReport::mainFile, x -> x));
    for (Path f : bad) {
      UnitReport ur = byFile.get(f);
      assertThat(ur).as("report for " + f).isNotNull();
      assertThat(ur.outcome()).as(f + ": " + ur.reason()).isEqualTo(ImportOutcome.FAILED);
      assertThat(ur.reason()).as(f.toString()).contains(f.toString());
    }
    assertThat(byFile.get(dir.resolve("wrong/task_index_text.json")).reason())
        .contains("task_index")
        .contains("line");
    assertThat(byFile.get(dir.resolve("wrong/metrics_array.json")).reason())
        .contains("evaluation_metrics");
    assertThat(byFile.get(utf).reason()).containsIgnoringCase("UTF-8").contains("line");
    for (Path f : good) {
      assertThat(byFile.get(f).outcome())
          .as(byFile.get(f).reason())
          .isEqualTo(ImportOutcome.IMPORTED);
      assertThat(byFile.get(f).predictions()).isEqualTo(10);
    }
    assertThat(r.units()).hasSize(bad.size() + good.size());
    assertThat(sessions("C_t")).isZero();
    assertThat(sessions("C_w")).isZero();
    assertThat(sessions("C_u")).isZero();
    assertThat(sessions("C_g")).isEqualTo(3);
    assertThat(r.anyFailed()).isTrue();
  }

  @Test
  void twoConcurrentImportsOfOneFolderStoreEverySessionOnce(@TempDir Path dir, @TempDir Path other)
      throws Exception {
    for (int i = 0; i < 8; i++) {
      Files.writeString(
          dir.resolve("evaluation_session_K_" + i + ".json"), session("K_" + i, 200, 50));
    }
    // a second pool, as a second desktop would have
    Database second = Database.connect(db.settings(), Database.PasswordPrompt.none());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ImportReport> a = pool.submit(() -> importer().importPaths(List.of(dir)));
      Future<ImportReport> b =
          pool.submit(
              () ->
                  new Importer(second, new ImportOptions(ZoneOffset.UTC))
                      .importPaths(List.of(dir)));
      ImportReport ra = a.get();
      ImportReport rb = b.get();
      assertThat(ra.anyFailed()).as(ra.toString()).isFalse();
      assertThat(rb.anyFailed()).as(rb.toString()).isFalse();
      for (int i = 0; i < 8; i++) {
        String key = "K_" + i;
        long imported =
            java.util.stream.Stream.of(ra, rb)
                .flatMap(x -> x.units().stream())
                .filter(x -> key.equals(x.sessionKey()) && x.outcome() == ImportOutcome.IMPORTED)
                .count();
        assertThat(imported).as(key).isEqualTo(1);
      }
    } finally {
      pool.shutdown();
      second.close();
    }
    assertThat(sessions("K_")).isEqualTo(8);
    assertThat(
            db.dsl()
                .fetchCount(
                    PREDICTIONS
                        .join(EVALUATION_TASKS)
                        .on(EVALUATION_TASKS.TASK_ID.eq(PREDICTIONS.TASK_ID))
                        .join(EVALUATION_SESSIONS)
                        .on(EVALUATION_SESSIONS.SESSION_ID.eq(EVALUATION_TASKS.SESSION_ID)),
                    EVALUATION_SESSIONS.SOURCE_IDENTITY.startsWith("K_")))
        .isEqualTo(8 * 200);
  }

  @Test
  void cancelMidImportLeavesNoPartialSession(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("evaluation_session_X_big.json"), session("X_big", 150_000, 100));
    Files.writeString(dir.resolve("evaluation_session_X_later.json"), session("X_later", 10, 10));
    AtomicBoolean cancel = new AtomicBoolean();
    List<ImportProgress> seen = new ArrayList<>();
    ImportListener listener =
        p -> {
          seen.add(p);
          if (p.predictions() > 0) {
            cancel.set(true);
          }
        };
    ImportReport r = importer().importPaths(List.of(dir), listener, cancel);
    assertThat(r.cancelled()).isTrue();
    assertThat(r.units()).extracting(UnitReport::outcome).containsOnly(ImportOutcome.CANCELLED);
    assertThat(sessions("X_")).isZero();
    assertThat(db.dsl().fetchCount(EVALUATION_TASKS))
        .isEqualTo(
            db.dsl()
                .fetchCount(
                    EVALUATION_TASKS
                        .join(EVALUATION_SESSIONS)
                        .on(EVALUATION_SESSIONS.SESSION_ID.eq(EVALUATION_TASKS.SESSION_ID))));
    assertThat(seen).anySatisfy(p -> assertThat(p.bytesTotal()).isGreaterThan(10_000_000L));
    assertThat(seen).anySatisfy(p -> assertThat(p.predictionsPerSecond()).isGreaterThan(0));
    // and a later import of the same folder stores both
    ImportReport again = importer().importPaths(List.of(dir));
    assertThat(again.units()).extracting(UnitReport::outcome).containsOnly(ImportOutcome.IMPORTED);
    assertThat(again.predictions()).isEqualTo(150_010);
  }
}
