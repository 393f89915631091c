package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.MODELS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lm-evaluation-harness output: the real files (figures checked against them) and each layout. */
class LmEvalImportTest {
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

  static ImportReport importAll(Path... paths) {
    return new Importer(db, new ImportOptions(ZoneOffset.UTC)).importPaths(List.of(paths));
  }

  /** Reads a results file and its samples files independently and compares every figure. */
  static void assertStoredAsInFiles(Path resultsFile, List<Path> samplesFiles, long sessionId)
      throws Exception {
    JsonNode root = OM.readTree(resultsFile.toFile());
    EvaluationSessionsRecord s =
        db.dsl()
            .selectFrom(EVALUATION_SESSIONS)
            .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
            .fetchOne();
    assertThat(s.getSourceKind()).isEqualTo("lm_eval");
    JsonNode prov = OM.readTree(s.getProvenance().data());
    assertThat(prov.get("lm_eval_version")).isEqualTo(root.get("lm_eval_version"));
    assertThat(prov.get("git_hash")).isEqualTo(root.get("git_hash"));
    assertThat(prov.get("config")).isEqualTo(root.get("config"));
    assertThat(prov.get("task_hashes")).isEqualTo(root.get("task_hashes"));
    assertThat(prov.get("source_sha256").asText()).hasSize(64);
    assertThat(s.getStartTime().toInstant().toEpochMilli())
        .isEqualTo((long) (root.get("date").doubleValue() * 1000));
    String model = root.get("model_name").asText();
    Iterator<Map.Entry<String, JsonNode>> tasks = root.get("results").fields();
    while (tasks.hasNext()) {
      var e = tasks.next();
      String task = e.getKey();
      var t =
          db.dsl()
              .select(EVALUATION_TASKS.TASK_ID, EVALUATION_TASKS.PROVENANCE)
              .from(EVALUATION_TASKS)
              .join(DATASETS)
              .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID))
              .join(MODELS)
              .on(MODELS.MODEL_ID.eq(EVALUATION_TASKS.MODEL_ID))
              .where(
                  EVALUATION_TASKS.SESSION_ID.eq(sessionId),
                  DATASETS.DATASET_NAME.eq(task),
                  MODELS.MODEL_NAME.eq(model))
              .fetchOne();
      assertThat(t).as(task).isNotNull();
      long taskId = t.value1();
      JsonNode tprov = OM.readTree(t.value2().data());
      assertThat(tprov.get("n-shot")).isEqualTo(root.get("n-shot").get(task));
      assertThat(tprov.get("configs")).isEqualTo(root.get("configs").get(task));
      assertThat(tprov.get("task_hashes")).isEqualTo(root.get("task_hashes").get(task));
      assertThat(
              db.dsl()
                  .fetchValue(
                      EVALUATION_RESULTS.SAMPLES_PROCESSED, EVALUATION_RESULTS.TASK_ID.eq(taskId)))
          .isEqualTo(root.get("n-samples").get(task).get("effective").intValue());
      int metrics = 0;
      for (Iterator<String> it = e.getValue().fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.contains(",") || k.substring(0, k.indexOf(',')).endsWith("_stderr")) {
          continue;
        }
        metrics++;
        String metric = k.substring(0, k.indexOf(','));
        String filter = k.substring(k.indexOf(',') + 1);
        var row =
            db.dsl()
                .selectFrom(TASK_METRICS)
                .where(
                    TASK_METRICS.TASK_ID.eq(taskId),
                    TASK_METRICS.METRIC.eq(metric),
                    TASK_METRICS.FILTER.eq(filter))
                .fetchOne();
        assertThat(row).as(k).isNotNull();
        assertThat(row.getValue()).as(k).isEqualTo(e.getValue().get(k).doubleValue());
        JsonNode se = e.getValue().get(metric + "_stderr," + filter);
        if (se == null || se.isTextual()) {
          assertThat(row.getStderr()).as(k + " stderr").isNull();
        } else {
          assertThat(row.getStderr()).as(k + " stderr").isEqualTo(se.doubleValue());
        }
      }
      assertThat(db.dsl().fetchCount(TASK_METRICS, TASK_METRICS.TASK_ID.eq(taskId)))
          .isEqualTo(metrics);
      int samples = 0;
      for (Path f : samplesFiles) {
        for (String line : Files.readAllLines(f)) {
          if (line.isBlank()) {
            continue;
          }
          samples++;
          JsonNode sm = OM.readTree(line);
          var p =
              db.dsl()
                  .selectFrom(PREDICTIONS)
                  .where(
                      PREDICTIONS.TASK_ID.eq(taskId),
                      PREDICTIONS.SAMPLE_ID.eq(sm.get("doc_id").intValue()),
                      PREDICTIONS.FILTER.eq(sm.get("filter").asText()))
                  .fetchOne();
          assertThat(p).isNotNull();
          assertThat(p.getPromptHash()).isEqualTo(sm.get("prompt_hash").asText());
          assertThat(p.getDocHash()).isEqualTo(sm.get("doc_hash").asText());
          assertThat(p.getGroundTruth()).isEqualTo(sm.get("target").asText());
          assertThat(p.getPrediction()).isEqualTo(sm.get("resps").get(0).get(0).asText());
          assertThat(p.getFilteredPrediction()).isEqualTo(sm.get("filtered_resps").get(0).asText());
          JsonNode arg0 = sm.get("arguments").get("gen_args_0").get("arg_0");
          assertThat(p.getPrompt())
              .isEqualTo(arg0.isArray() ? arg0.get(0).asText() : arg0.asText());
          assertThat(p.getCorrect()).isEqualTo(sm.get("exact_match").doubleValue() == 1.0);
          assertThat(OM.readTree(p.getSampleMetrics().data()).get("exact_match").doubleValue())
              .isEqualTo(sm.get("exact_match").doubleValue());
        }
      }
      assertThat(db.dsl().fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(taskId)))
          .isEqualTo(samples);
    }
  }

  @Test
  void realFilesImportWithEveryFigureEqualToTheFiles() throws Exception {
    Path shared = SharedData.lmEval();
    ImportReport r = importAll(shared);
    assertThat(r.anyFailed()).as(r.toString()).isFalse();
    assertThat(r.units()).hasSize(3);
    for (UnitReport u : r.units()) {
      assertThat(u.format()).isEqualTo(SourceFormat.LM_EVAL_RESULTS);
      assertThat(u.files()).hasSize(2);
      assertStoredAsInFiles(u.mainFile(), u.files().subList(1, 2), u.sessionId());
    }
    // the pyFade pair: same documents in both runs, paired by prompt hash
    assertThat(db.dsl().fetchCount(MODELS, MODELS.MODEL_NAME.eq("gemma3:12b-u1"))).isEqualTo(1);
    assertThat(db.dsl().fetchValue(MODELS.BACKEND, MODELS.MODEL_NAME.eq("tinyllama")))
        .isEqualTo("local-completions");
    assertThat(db.dsl().fetchValue(DATASETS.SAMPLE_COUNT, DATASETS.DATASET_NAME.eq("gsm8k")))
        .isEqualTo(1319);
    ImportReport again = importAll(shared);
    assertThat(again.units()).extracting(UnitReport::outcome).containsOnly(ImportOutcome.UNCHANGED);
  }

  @Test
  void oldLayoutWithResultsJsonAndPerTaskArrays(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("results.json"),
        """
        {"results": {"arc_easy": {"acc": 0.75, "acc_stderr": 0.02, "acc_norm": 0.7, "acc_norm_stderr": 0.021},
                     "hellaswag": {"acc,none": 0.5, "acc_stderr,none": "N/A", "alias": "hellaswag"}},
         "versions": {"arc_easy": 0, "hellaswag": 1},
         "n-shot": {"arc_easy": 0, "hellaswag": 0},
         "config": {"model": "hf", "model_args": "pretrained=EleutherAI/pythia-70m,dtype=float32", "limit": 2},
         "git_hash": "abc1234"}
        """);
    Files.writeString(
        dir.resolve("pretrained__EleutherAI__pythia-70m_arc_easy.jsonl"),
        """
        [{"doc_id": 0, "doc": {"q": "?"}, "target": 1, "arguments": [["Question: a?", " yes"], ["Question: a?", " no"]],
          "resps": [[[-1.5, false]], [[-0.5, true]]], "filtered_resps": [[-1.5, false], [-0.5, true]], "acc": 1.0, "acc_norm": 0.0},
         {"doc_id": 1, "doc": {"q": "!"}, "target": 0, "arguments": [["Question: b?", " yes"]],
          "resps": [[[-0.1, true]]], "filtered_resps": [[-0.1, true]], "acc": 0.0, "acc_norm": 1.0}]
        """);
    Files.writeString(
        dir.resolve("pretrained__EleutherAI__pythia-70m_hellaswag.jsonl"),
        """
        [{"doc_id": 3, "target": "x", "arguments": [["ctx", " end"]], "resps": [[[-2.0, false]]], "filtered_resps": [[-2.0, false]], "acc": 1.0}]
        """);
    ImportReport r = importAll(dir);
    assertThat(r.units())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.outcome()).as(u.reason()).isEqualTo(ImportOutcome.IMPORTED);
              assertThat(u.files()).hasSize(3);
              assertThat(u.predictions()).isEqualTo(3);
              assertThat(u.tasks()).isEqualTo(2);
            });
    long sid = r.units().get(0).sessionId();
    var arc =
        db.dsl()
            .select(EVALUATION_TASKS.TASK_ID)
            .from(EVALUATION_TASKS)
            .join(DATASETS)
            .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID))
            .where(EVALUATION_TASKS.SESSION_ID.eq(sid), DATASETS.DATASET_NAME.eq("arc_easy"))
            .fetchOne()
            .value1();
    var acc =
        db.dsl()
            .selectFrom(TASK_METRICS)
            .where(TASK_METRICS.TASK_ID.eq(arc), TASK_METRICS.METRIC.eq("acc"))
            .fetchOne();
    assertThat(acc.getValue()).isEqualTo(0.75);
    assertThat(acc.getStderr()).isEqualTo(0.02);
    assertThat(acc.getFilter()).isEqualTo("none");
    var p0 =
        db.dsl()
            .selectFrom(PREDICTIONS)
            .where(PREDICTIONS.TASK_ID.eq(arc), PREDICTIONS.SAMPLE_ID.eq(0))
            .fetchOne();
    assertThat(p0.getPrompt()).isEqualTo("Question: a?");
    assertThat(p0.getCorrect()).isTrue();
    assertThat(p0.getGroundTruth()).isEqualTo("1");
    assertThat(db.dsl().fetchValue(MODELS.WEIGHTS, MODELS.MODEL_NAME.eq("EleutherAI/pythia-70m")))
        .isEqualTo("EleutherAI/pythia-70m");
    var hs =
        db.dsl()
            .select(TASK_METRICS.STDERR, TASK_METRICS.VALUE)
            .from(TASK_METRICS)
            .join(EVALUATION_TASKS)
            .on(EVALUATION_TASKS.TASK_ID.eq(TASK_METRICS.TASK_ID))
            .join(DATASETS)
            .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID))
            .where(EVALUATION_TASKS.SESSION_ID.eq(sid), DATASETS.DATASET_NAME.eq("hellaswag"))
            .fetchOne();
    assertThat(hs.value2()).isEqualTo(0.5);
    assertThat(hs.value1()).as("N/A is no stderr").isNull();
  }

  @Test
  void newestLayoutWithSampleCountsAndEmptyModelName(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("org__model");
    Files.createDirectories(m);
    Files.writeString(
        m.resolve("results_2026-01-02T03-04-05.678901.json"),
        """
        {"results": {"mmlu_abstract_algebra": {"alias": "abstract_algebra", "name": "mmlu_abstract_algebra",
            "sample_len": 100, "sample_count": 100, "acc,none": 0.31, "acc_stderr,none": 0.046}},
         "configs": {"mmlu_abstract_algebra": {"task": "mmlu_abstract_algebra", "num_fewshot": 0}},
         "versions": {"mmlu_abstract_algebra": 1.0}, "n-shot": {"mmlu_abstract_algebra": 0},
         "n-samples": {"mmlu_abstract_algebra": {"original": 100, "effective": 100}},
         "config": {"model": "vllm", "model_args": {"pretrained": "org/model", "tensor_parallel_size": 1}},
         "model_name": "", "lm_eval_version": "0.4.12", "date": 1767322000.5,
         "task_hashes": {"mmlu_abstract_algebra": "ffff"}, "total_evaluation_time_seconds": "12.5"}
        """);
    Files.writeString(
        m.resolve("samples_mmlu_abstract_algebra_2026-01-02T03-04-05.678901.jsonl"),
        "{\"doc_id\": 0, \"target\": 2, \"arguments\": {\"gen_args_0\": {\"arg_0\": \"Q0\", \"arg_1\": \" A\"}}, \"resps\": [[[-1.0, false]]], \"filtered_resps\": [[-1.0, false]], \"filter\": \"none\", \"metrics\": [\"acc\"], \"doc_hash\": \"d0\", \"prompt_hash\": \"p0\", \"target_hash\": \"t0\", \"acc\": 0.0}\n"
            + "{\"doc_id\": 1, \"target\": 1, \"arguments\": {\"gen_args_0\": {\"arg_0\": \"Q1\\ttab\", \"arg_1\": \" B\"}}, \"resps\": [[[-0.2, true]]], \"filtered_resps\": [[-0.2, true]], \"filter\": \"none\", \"metrics\": [\"acc\"], \"doc_hash\": \"d1\", \"prompt_hash\": \"p1\", \"target_hash\": \"t1\", \"acc\": 1.0}");
    ImportReport r = importAll(dir);
    assertThat(r.units())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.outcome()).as(u.reason()).isEqualTo(ImportOutcome.IMPORTED);
              assertThat(u.sessionKey()).isEqualTo("org_model_2026-01-02T03-04-05.678901");
              assertThat(u.predictions()).isEqualTo(2);
            });
    long sid = r.units().get(0).sessionId();
    long task = db.dsl().fetchValue(EVALUATION_TASKS.TASK_ID, EVALUATION_TASKS.SESSION_ID.eq(sid));
    assertThat(
            db.dsl()
                .fetchValue(
                    EVALUATION_RESULTS.SAMPLES_PROCESSED, EVALUATION_RESULTS.TASK_ID.eq(task)))
        .isEqualTo(100);
    assertThat(db.dsl().fetchCount(TASK_METRICS, TASK_METRICS.TASK_ID.eq(task)))
        .as("name/sample_len/sample_count are no metrics")
        .isEqualTo(1);
    var p =
        db.dsl()
            .selectFrom(PREDICTIONS)
            .where(PREDICTIONS.TASK_ID.eq(task))
            .orderBy(PREDICTIONS.SAMPLE_ID)
            .fetch();
    assertThat(p.get(1).getPrompt()).isEqualTo("Q1\ttab");
    assertThat(p.get(1).getCorrect()).isTrue();
    assertThat(p.get(0).getCorrect()).isFalse();
    assertThat(db.dsl().fetchValue(MODELS.BACKEND, MODELS.MODEL_NAME.eq("org/model")))
        .isEqualTo("vllm");
    EvaluationSessionsRecord s =
        db.dsl()
            .selectFrom(EVALUATION_SESSIONS)
            .where(EVALUATION_SESSIONS.SESSION_ID.eq(sid))
            .fetchOne();
    assertThat(java.time.Duration.between(s.getStartTime(), s.getEndTime()).toMillis())
        .isEqualTo(12_500);
    // a samples file whose results file is missing is reported, not silently dropped
    Path orphan = dir.resolve("lonely");
    Files.createDirectories(orphan);
    Files.writeString(
        orphan.resolve("samples_x_2020-01-01T00-00-00.jsonl"), "{\"doc_id\": 0, \"resps\": []}\n");
    ImportReport r2 = importAll(orphan);
    assertThat(r2.units())
        .singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("without its results file"));
    List<String> names = new ArrayList<>();
    names.add("done");
    assertThat(names).isNotEmpty();
  }
}
