package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_RESULTS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static io.evalstation.persistence.jooq.Tables.PREDICTIONS;
import static io.evalstation.persistence.jooq.Tables.TASK_METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.repo.RegistryRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskOutputLoaderTest {
  @TempDir static Path dir;
  static Database db;

  @BeforeAll
  static void open() {
    db = TestDatabase.open(dir);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  long newTask(String dataset) {
    var reg = new RegistryRepository(db.dsl());
    long model = reg.upsertModel(ModelInfo.named("m-" + dataset));
    long ds = reg.upsertDataset(new DatasetInfo(dataset, null, null, null, null, dataset));
    long session =
        db.dsl()
            .insertInto(EVALUATION_SESSIONS)
            .set(EVALUATION_SESSIONS.SESSION_KEY, "s-" + System.nanoTime())
            .set(EVALUATION_SESSIONS.SOURCE_KIND, "launch")
            .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, "s-" + System.nanoTime())
            .set(EVALUATION_SESSIONS.STATUS, "running")
            .returning(EVALUATION_SESSIONS.SESSION_ID)
            .fetchOne()
            .getSessionId();
    return db.dsl()
        .insertInto(EVALUATION_TASKS)
        .set(EVALUATION_TASKS.SESSION_ID, session)
        .set(EVALUATION_TASKS.TASK_INDEX, 1)
        .set(EVALUATION_TASKS.MODEL_ID, model)
        .set(EVALUATION_TASKS.DATASET_ID, ds)
        .set(EVALUATION_TASKS.STATUS, "running")
        .returning(EVALUATION_TASKS.TASK_ID)
        .fetchOne()
        .getTaskId();
  }

  @Test
  void loadsRealOutputWithFiguresEqualToTheFiles() throws Exception {
    Path out = SharedData.lmEval().resolve("containers__olot");
    long task = newTask("gsm8k");
    LoadedOutput r =
        new TaskOutputLoader(db)
            .load(
                task,
                out,
                tx ->
                    tx.update(EVALUATION_TASKS)
                        .set(EVALUATION_TASKS.STATUS, "completed")
                        .where(EVALUATION_TASKS.TASK_ID.eq(task))
                        .execute());
    ObjectMapper om = new ObjectMapper();
    Path resultsFile;
    try (var s = Files.list(out)) {
      resultsFile =
          s.filter(p -> p.getFileName().toString().startsWith("results_"))
              .findFirst()
              .orElseThrow();
    }
    JsonNode results = om.readTree(resultsFile.toFile()).get("results").get("gsm8k");
    int metricKeys = 0;
    for (var it = results.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.contains(",") || k.contains("_stderr")) {
        continue;
      }
      metricKeys++;
      String metric = k.substring(0, k.indexOf(','));
      String filter = k.substring(k.indexOf(',') + 1);
      var row =
          db.dsl()
              .selectFrom(TASK_METRICS)
              .where(
                  TASK_METRICS.TASK_ID.eq(task),
                  TASK_METRICS.METRIC.eq(metric),
                  TASK_METRICS.FILTER.eq(filter))
              .fetchOne();
      assertThat(row).as(k).isNotNull();
      assertThat(row.getValue()).isEqualTo(results.get(k).doubleValue());
      assertThat(row.getStderr())
          .isEqualTo(results.get(metric + "_stderr," + filter).doubleValue());
    }
    assertThat(r.metricsCount()).isEqualTo(metricKeys).isEqualTo(2);
    List<String> lines;
    try (var s = Files.list(out)) {
      Path samples =
          s.filter(p -> p.getFileName().toString().startsWith("samples_"))
              .findFirst()
              .orElseThrow();
      lines = Files.readAllLines(samples).stream().filter(l -> !l.isBlank()).toList();
    }
    assertThat(r.predictionsCount()).isEqualTo(lines.size());
    assertThat(r.samplesProcessed()).isEqualTo(1319);
    for (String line : lines) {
      JsonNode s = om.readTree(line);
      var p =
          db.dsl()
              .selectFrom(PREDICTIONS)
              .where(
                  PREDICTIONS.TASK_ID.eq(task),
                  PREDICTIONS.SAMPLE_ID.eq(s.get("doc_id").intValue()))
              .fetchOne();
      assertThat(p.getFilter()).isEqualTo(s.get("filter").asText());
      assertThat(p.getPromptHash()).isEqualTo(s.get("prompt_hash").asText());
      assertThat(p.getDocHash()).isEqualTo(s.get("doc_hash").asText());
      assertThat(p.getGroundTruth()).isEqualTo(s.get("target").asText());
      assertThat(p.getPrediction()).isEqualTo(s.get("resps").get(0).get(0).asText());
      assertThat(p.getFilteredPrediction()).isEqualTo(s.get("filtered_resps").get(0).asText());
      assertThat(p.getPrompt())
          .isEqualTo(s.get("arguments").get("gen_args_0").get("arg_0").asText());
      assertThat(p.getCorrect()).isEqualTo(s.get("exact_match").doubleValue() == 1.0);
      assertThat(om.readTree(p.getSampleMetrics().data()).get("exact_match").doubleValue())
          .isEqualTo(s.get("exact_match").doubleValue());
    }
    assertThat(db.dsl().fetchValue(EVALUATION_TASKS.STATUS, EVALUATION_TASKS.TASK_ID.eq(task)))
        .isEqualTo("completed");
    assertThat(db.dsl().fetchCount(EVALUATION_RESULTS, EVALUATION_RESULTS.TASK_ID.eq(task)))
        .isEqualTo(1);

    // loading again replaces rather than duplicates
    LoadedOutput again = new TaskOutputLoader(db).load(task, out, tx -> {});
    assertThat(again.predictionsCount()).isEqualTo(lines.size());
    assertThat(db.dsl().fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(task)))
        .isEqualTo(lines.size());
  }

  @Test
  void missingOutputNamesTheFolderAndRollsBackTheCallersChange(@TempDir Path empty) {
    long task = newTask("gsm8k_missing");
    assertThatThrownBy(
            () ->
                new TaskOutputLoader(db)
                    .load(
                        task,
                        empty,
                        tx ->
                            tx.update(EVALUATION_TASKS)
                                .set(EVALUATION_TASKS.STATUS, "completed")
                                .where(EVALUATION_TASKS.TASK_ID.eq(task))
                                .execute()))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("no lm-eval results file");
    assertThat(db.dsl().fetchValue(EVALUATION_TASKS.STATUS, EVALUATION_TASKS.TASK_ID.eq(task)))
        .isEqualTo("running");
  }

  @Test
  void truncatedSamplesRollBackEverything(@TempDir Path out) throws Exception {
    Path src = SharedData.lmEval().resolve("containers__olot");
    try (var s = Files.list(src)) {
      for (Path p : s.toList()) {
        byte[] bytes = Files.readAllBytes(p);
        if (p.getFileName().toString().startsWith("samples_")) {
          bytes = java.util.Arrays.copyOf(bytes, bytes.length - 500);
        }
        Files.write(out.resolve(p.getFileName()), bytes);
      }
    }
    long task = newTask("gsm8k_trunc");
    assertThatThrownBy(() -> new TaskOutputLoader(db).load(task, out, tx -> {}))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("samples_gsm8k")
        .hasMessageContaining("line");
    assertThat(db.dsl().fetchCount(TASK_METRICS, TASK_METRICS.TASK_ID.eq(task))).isZero();
    assertThat(db.dsl().fetchCount(PREDICTIONS, PREDICTIONS.TASK_ID.eq(task))).isZero();
  }
}
