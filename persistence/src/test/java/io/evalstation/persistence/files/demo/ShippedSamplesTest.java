package io.evalstation.persistence.files.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample set equals a fresh generation (else: scripts/regenerate-samples.sh). */
class ShippedSamplesTest {
  @Test
  void committedSamplesAreCurrent(@TempDir Path dir) throws Exception {
    List<String> fresh = ShippedSamples.generate(dir);
    assertThat(ShippedSamples.index())
        .as("index.txt is stale: run scripts/regenerate-samples.sh")
        .isEqualTo(fresh);
    for (String name : fresh) {
      try (InputStream in =
          ShippedSamples.class.getResourceAsStream(ShippedSamples.RESOURCE_DIR + name)) {
        assertThat(in).as(name + " is listed but not shipped").isNotNull();
        assertThat(in.readAllBytes())
            .as(name + " differs from a fresh generation: run scripts/regenerate-samples.sh")
            .isEqualTo(Files.readAllBytes(dir.resolve(name)));
      }
    }
  }

  @Test
  void theSampleSetIsSmallAndVaried(@TempDir Path dir) throws Exception {
    ShippedSamples.extract(dir);
    long bytes = 0;
    for (String name : ShippedSamples.index()) {
      bytes += Files.size(dir.resolve(name));
    }
    assertThat(bytes).isLessThan(3_000_000L);
    ObjectMapper json = new ObjectMapper();
    Set<String> models = new HashSet<>();
    Set<String> datasets = new HashSet<>();
    Set<String> weeks = new HashSet<>();
    int sessions = 0;
    int failures = 0;
    for (String name : ShippedSamples.index()) {
      if (name.startsWith("legacy/evaluation_session_")) {
        sessions++;
        JsonNode s = json.readTree(dir.resolve(name).toFile());
        s.get("models").fieldNames().forEachRemaining(models::add);
        s.get("datasets").fieldNames().forEachRemaining(datasets::add);
        weeks.add(
            String.valueOf(
                java.time.LocalDateTime.parse(s.get("start_time").asText())
                    .get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        for (JsonNode t : s.get("tasks")) {
          if (!t.get("success").asBoolean()) {
            failures++;
          }
        }
      }
    }
    assertThat(sessions).isBetween(8, 12);
    assertThat(models).hasSizeGreaterThanOrEqualTo(6);
    assertThat(datasets).hasSizeGreaterThanOrEqualTo(5);
    assertThat(weeks).hasSizeBetween(3, 5);
    assertThat(failures).isPositive();
    assertThat(ShippedSamples.index()).anyMatch(n -> n.matches("lm-eval/.*/results_.*\\.json"));
  }
}
