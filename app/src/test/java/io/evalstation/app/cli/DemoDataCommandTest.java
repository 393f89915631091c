package io.evalstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataCommandTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        EvalstationCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void writesBothFormatsAndReportsWhatItWrote(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("corpus");
    Run r =
        run(
            "demo-data",
            "--sessions",
            "3",
            "--seed",
            "5",
            "--out",
            out.toString(),
            "--format",
            "both",
            "--predictions-per-task",
            "10",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("sessions").asInt()).isEqualTo(3);
    long legacyFiles;
    try (Stream<Path> s = Files.list(out.resolve("legacy"))) {
      legacyFiles =
          s.filter(p -> p.getFileName().toString().startsWith("evaluation_session_")).count();
    }
    assertThat(legacyFiles).isEqualTo(3);
    try (Stream<Path> s = Files.walk(out.resolve("lm-eval"))) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("results_")).count())
          .isPositive();
    }
    assertThat(summary.get("legacyPredictions").asLong()).isPositive();
    assertThat(summary.get("lmEvalSampleLines").asLong()).isPositive();
  }

  @Test
  void aBadFormatIsAUsageErrorNamingTheValue(@TempDir Path dir) {
    Run r = run("demo-data", "--sessions", "1", "--out", dir.toString(), "--format", "xml");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("xml");
  }

  @Test
  void dbInfoSeedsAFreshEmbeddedDatabaseOnce(@TempDir Path dir) throws Exception {
    String data = dir.resolve("data").toString();
    Run first = run("db", "info", "--data-dir", data, "--json");
    assertThat(first.exit()).as(first.err()).isZero();
    JsonNode info = new ObjectMapper().readTree(first.out());
    assertThat(info.at("/sampleData/outcome").asText()).isEqualTo("seeded");
    long sessions = info.at("/rows/evaluation_sessions").asLong();
    assertThat(sessions).isGreaterThanOrEqualTo(8);
    Run second = run("db", "info", "--data-dir", data, "--json");
    JsonNode again = new ObjectMapper().readTree(second.out());
    assertThat(again.at("/sampleData/outcome").asText()).isEqualTo("already_done");
    assertThat(again.at("/rows/evaluation_sessions").asLong()).isEqualTo(sessions);
  }
}
