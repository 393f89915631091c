package io.evalstation.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.db.Database;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryRepositoryTest {
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

  @Test
  void importsFillOnlyMissingAttributesAndNeverOverwriteEdits() {
    RegistryRepository r = new RegistryRepository(db.dsl());
    long id = r.upsertModel(ModelInfo.named("reg_m"));
    assertThat(r.upsertModel(new ModelInfo("reg_m", "qwen3", 8_000_000_000L, null, "vllm", null)))
        .isEqualTo(id);
    r.updateModel("reg_m", Map.of("family", "qwen3-custom", "specialization", "code"));
    r.upsertModel(new ModelInfo("reg_m", "qwen2", 1L, "general", "hf", "/w"));
    ModelInfo m = r.findModel("reg_m").orElseThrow();
    assertThat(m)
        .isEqualTo(new ModelInfo("reg_m", "qwen3-custom", 8_000_000_000L, "code", "vllm", "/w"));
    assertThat(r.listModels("qwen3-custom", null)).containsExactly(m);
    assertThat(r.listModels(null, "code")).containsExactly(m);
    assertThat(r.listModels("nope", null)).isEmpty();
    r.updateModel("reg_m", Map.of("backend", ""));
    assertThat(r.findModel("reg_m").orElseThrow().backend()).isNull();
    assertThatThrownBy(() -> r.updateModel("reg_m", Map.of("colour", "red")))
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> r.updateModel("reg_m", Map.of("parameter_count", "many")))
        .hasMessageContaining("many");
    assertThatThrownBy(() -> r.updateModel("absent", Map.of("family", "x")))
        .hasMessageContaining("absent");
  }

  @Test
  void datasetsLikewise() {
    RegistryRepository r = new RegistryRepository(db.dsl());
    r.upsertDataset(new DatasetInfo("reg_d", null, null, 164, null, "humaneval"));
    r.updateDataset("reg_d", Map.of("category", "coding", "sample_count", "150"));
    r.upsertDataset(
        new DatasetInfo("reg_d", "code_generation", "maths", 999, "data/x.jsonl", "other"));
    DatasetInfo d = r.findDataset("reg_d").orElseThrow();
    assertThat(d)
        .isEqualTo(
            new DatasetInfo(
                "reg_d", "code_generation", "coding", 150, "data/x.jsonl", "humaneval"));
    assertThat(r.listDatasets("coding", null)).containsExactly(d);
    assertThat(r.listDatasets(null, "code_generation")).containsExactly(d);
  }
}
