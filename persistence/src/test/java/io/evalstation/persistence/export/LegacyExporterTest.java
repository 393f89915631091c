package io.evalstation.persistence.export;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.ImportReport;
import io.evalstation.persistence.importer.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export → import gives the same rows, on legacy and on real lm-eval rows. */
class LegacyExporterTest {
  @TempDir static Path dbDir;
  static Database db;
  static final ObjectMapper OM = new ObjectMapper();

  @BeforeAll
  static void open() {
    db = TestDatabase.open(dbDir);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static ImportReport importAll(Path p) {
    return new Importer(db, new ImportOptions(ZoneId.of("Europe/Berlin"))).importPaths(List.of(p));
  }

  /** Everything stored for a session, without ids, timestamps of storage and source bookkeeping. */
  static List<String> snapshot(String key) {
    long sid =
        db.dsl()
            .fetchValue(EVALUATION_SESSIONS.SESSION_ID, EVALUATION_SESSIONS.SESSION_KEY.eq(key));
    List<String> out = new ArrayList<>();
    out.add(
        row(
            db.dsl()
                .selectFrom(EVALUATION_SESSIONS)
                .where(EVALUATION_SESSIONS.SESSION_ID.eq(sid))
                .fetchOne(),
            "session_id",
            "source_kind",
            "source_identity",
            "content_hash",
            "created_at",
            "updated_at",
            "row_version",
            "owner"));
    for (var t :
        db.dsl()
            .select()
            .from(EVALUATION_TASKS)
            .join(MODELS)
            .on(MODELS.MODEL_ID.eq(EVALUATION_TASKS.MODEL_ID))
            .join(DATASETS)
            .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID))
            .where(EVALUATION_TASKS.SESSION_ID.eq(sid))
            .orderBy(EVALUATION_TASKS.TASK_INDEX)
            .fetch()) {
      out.add(
          row(
              t,
              "task_id",
              "session_id",
              "model_id",
              "dataset_id",
              "created_at",
              "updated_at",
              "row_version"));
      long tid = t.get(EVALUATION_TASKS.TASK_ID);
      db.dsl()
          .selectFrom(EVALUATION_RESULTS)
          .where(EVALUATION_RESULTS.TASK_ID.eq(tid))
          .fetch()
          .forEach(r -> out.add(row(r, "result_id", "task_id", "created_at")));
      db.dsl()
          .selectFrom(TASK_METRICS)
          .where(TASK_METRICS.TASK_ID.eq(tid))
          .orderBy(TASK_METRICS.METRIC, TASK_METRICS.FILTER)
          .fetch()
          .forEach(r -> out.add(row(r, "task_id")));
      db.dsl()
          .selectFrom(PREDICTIONS)
          .where(PREDICTIONS.TASK_ID.eq(tid))
          .orderBy(PREDICTIONS.SAMPLE_ID, PREDICTIONS.FILTER)
          .fetch()
          .forEach(r -> out.add(row(r, "prediction_id", "task_id")));
      db.dsl()
          .selectFrom(PERFORMANCE_METRICS)
          .where(PERFORMANCE_METRICS.TASK_ID.eq(tid))
          .orderBy(PERFORMANCE_METRICS.RECORDED_AT)
          .fetch()
          .forEach(r -> out.add(row(r, "metric_id", "session_id", "task_id")));
    }
    db.dsl()
        .selectFrom(PERFORMANCE_METRICS)
        .where(PERFORMANCE_METRICS.SESSION_ID.eq(sid), PERFORMANCE_METRICS.TASK_ID.isNull())
        .orderBy(PERFORMANCE_METRICS.RECORDED_AT)
        .fetch()
        .forEach(r -> out.add(row(r, "metric_id", "session_id")));
    return out;
  }

  static String row(Record r, String... skip) {
    Map<String, Object> m = new TreeMap<>();
    for (Field<?> f : r.fields()) {
      String n = f.getQualifiedName().toString();
      if (List.of(skip).contains(f.getName())
          || n.contains("models\".\"created")
          || n.contains("datasets\".\"created")
          || n.contains("updated_at")
          || n.endsWith("\"model_id\"")
          || n.endsWith("\"dataset_id\"")) {
        continue;
      }
      Object v = r.get(f);
      if (v instanceof JSONB j) {
        try {
          v = OM.readTree(j.data());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      } else if (v instanceof java.time.OffsetDateTime t) {
        v = t.toInstant();
      }
      m.put(n, v);
    }
    return m.toString();
  }

  static void roundTrip(String key, Path exportDir) {
    List<String> before = snapshot(key);
    var result = new LegacyExporter(db).export(key, exportDir);
    assertThat(result.sessionFile()).exists();
    db.dsl()
        .deleteFrom(EVALUATION_SESSIONS)
        .where(EVALUATION_SESSIONS.SESSION_KEY.eq(key))
        .execute();
    ImportReport r = importAll(exportDir);
    assertThat(r.units())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.outcome()).as(u.reason()).isEqualTo(ImportOutcome.IMPORTED);
              assertThat(u.sessionKey()).isEqualTo(key);
              assertThat(u.predictions()).isEqualTo(result.predictions());
            });
    List<String> after = snapshot(key);
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i)).isEqualTo(before.get(i));
    }
  }

  @Test
  void legacySessionWithQuirksRoundTrips(@TempDir Path in, @TempDir Path out) throws Exception {
    Files.writeString(
        in.resolve("evaluation_session_20240606_060606.json"),
        """
        {"session_id": "20240606_060606", "category": "rt", "start_time": "2024-06-06 06:06:06.123456",
         "status": "running", "lab": {"x": [1, "two"]},
         "tasks": [
          {"model_name": "rt_m", "dataset_name": "rt_d", "success": true, "end_time": "2024-06-06T07:00:00Z", "note": "n",
           "results": {"samples_processed": 2, "evaluation_metrics": {"pass@1": "0.5", "f1": NaN}, "judge": "j"},
           "predictions": [
             {"sample_id": 0, "prompt_hash": "a", "prediction": "x\\ty\\n\\\\z \\"q\\" 日本", "ground_truth": "g", "correct": true, "execution_time": NaN, "k": {"deep": [1]}},
             {"sample_id": "S-1", "prediction": "", "ground_truth": null}
           ]},
          {"model_name": "rt_m", "dataset_name": "rt_d2", "success": false, "error_message": "CUDA out of memory"},
          {"model_name": "rt_m", "dataset_name": "rt_d3"}
         ],
         "models": {"rt_m": {"model_family": "fam", "parameter_count": 7000000000}},
         "performance_metrics": [{"timestamp": "2024-06-06T06:10:00", "gpu_utilization": 50, "memory_usage": 40, "throughput": 3.5, "node_name": "n1"}]}
        """);
    assertThat(importAll(in).anyFailed()).isFalse();
    roundTrip("20240606_060606", out);
  }

  @Test
  void realLmEvalSessionRoundTrips(@TempDir Path out) {
    Path dir = Path.of("").toAbsolutePath();
    Path shared = null;
    while (dir != null && shared == null) {
      Path c =
          dir.resolveSibling("shared")
              .resolve("data")
              .resolve("lm-eval")
              .resolve("DanielKluev__pyFade");
      shared = Files.isDirectory(c) ? c : null;
      dir = dir.getParent();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(shared != null, "shared/data/lm-eval is absent");
    ImportReport r = importAll(shared);
    assertThat(r.anyFailed()).isFalse();
    String key = r.units().get(0).sessionKey();
    roundTrip(key, out);
  }

  @Test
  void unknownSessionIsNamed(@TempDir Path out) {
    assertThatThrownBy(() -> new LegacyExporter(db).export("nope", out))
        .hasMessageContaining("nope");
  }
}
