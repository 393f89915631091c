package io.evalstation.persistence.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.evalstation.persistence.TestDatabase;
import io.evalstation.persistence.analytics.Analytics;
import io.evalstation.persistence.analytics.Corpus;
import io.evalstation.persistence.analytics.Leaderboard;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.analytics.Pivot;
import io.evalstation.persistence.analytics.ResultFilter;
import io.evalstation.persistence.analytics.TimeBucket;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.export.XlsxStreamReader.SheetData;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportTest {
  @TempDir static Path dir;
  Database db;
  Analytics analytics;
  Corpus corpus;
  Leaderboard leaderboard;
  Pivot pivot;

  @BeforeAll
  void load() {
    db = TestDatabase.open(dir.resolve("db"));
    corpus = Corpus.load(db.dsl());
    analytics = new Analytics(db);
    leaderboard =
        analytics.leaderboards().leaderboard(MetricSelector.parse("pass@1"), ResultFilter.all());
    pivot = analytics.pivots().pivot(MetricSelector.parse("pass@1"), ResultFilter.all());
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void workbookReadBackWithAStreamingReader() throws Exception {
    Path file = dir.resolve("out/paper.xlsx");
    ExportInfo info =
        new ExportInfo(
            "leaderboard of pass_at_1,none",
            ResultFilter.all().describe(),
            "embedded PostgreSQL",
            Instant.parse("2026-11-26T20:00:00Z"),
            Map.of("Session", "s1"));
    long predictions;
    try (XlsxExport x = new XlsxExport(info)) {
      x.table(Reports.leaderboard(leaderboard))
          .table(Reports.pivot(pivot))
          .table(
              Reports.trends(
                  analytics
                      .trends()
                      .trends(TimeBucket.DAY, ResultFilter.all(), MetricSelector.parse("pass@1")),
                  "pass_at_1,none"))
          .table(Reports.sessionTasks(analytics.sessionExports().sessionTasks(corpus.s1)));
      predictions =
          x.predictions(
              "Predictions",
              sink -> analytics.sessionExports().forEachSessionPrediction(corpus.s1, sink));
      x.writeTo(file);
    }
    assertThat(predictions).isEqualTo(14);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("paper.xlsx");
    }

    Map<String, SheetData> book = XlsxStreamReader.read(file);
    assertThat(book.keySet())
        .containsExactly(
            "Leaderboard", "Pivot pass_at_1,none", "Trends", "Tasks", "Predictions", "About");

    SheetData lb = book.get("Leaderboard");
    assertThat(lb.values(0))
        .containsExactly(
            "Rank",
            "Model",
            "Family",
            "Specialization",
            "Evaluations",
            "Mean pass_at_1,none",
            "Std dev",
            "Std err",
            "95% CI low",
            "95% CI high",
            "Avg response (s)");
    assertThat(lb.cell(0, 0).bold()).isTrue(); // header
    assertThat(lb.frozenHeader()).isTrue();
    assertThat(lb.autoFilter()).isEqualTo("A1:K5");
    assertThat(lb.rows()).hasSize(5);
    assertThat(lb.cell(1, 1).value()).isEqualTo("alpha");
    assertThat(Double.parseDouble(lb.cell(1, 0).value())).isEqualTo(1.0);
    assertThat(Double.parseDouble(lb.cell(1, 5).value())).isCloseTo(0.7, within(1e-12));
    assertThat(lb.cell(1, 5).bold()).isTrue(); // rank 1
    assertThat(lb.cell(2, 1).value()).isEqualTo("beta");
    assertThat(lb.cell(2, 5).bold()).isTrue(); // tied rank 1
    assertThat(lb.cell(3, 1).value()).isEqualTo("gamma");
    assertThat(lb.cell(3, 5).bold()).isFalse();
    assertThat(Double.parseDouble(lb.cell(3, 7).value()))
        .isCloseTo(0.1 / Math.sqrt(3), within(1e-12));
    assertThat(lb.cell(4, 1).value()).isEqualTo("delta");
    assertThat(lb.cell(4, 6)).isNull(); // one evaluation: no standard deviation

    SheetData pv = book.get("Pivot pass_at_1,none");
    assertThat(pv.values(0)).containsExactly("Model", "bigcodebench", "humaneval", "mbpp");
    assertThat(pv.values(1)).containsExactly("alpha", "0.6000 ± 0.0300", "0.8000 ± 0.0200");
    assertThat(pv.cell(1, 2).bold()).isTrue(); // alpha best on humaneval
    assertThat(pv.cell(1, 3).bold()).isFalse();
    assertThat(pv.cell(2, 2).value()).isEqualTo("0.5000"); // beta: no stderr
    assertThat(pv.cell(2, 3).bold()).isTrue(); // beta best on mbpp
    assertThat(pv.cell(4, 1).value()).isEqualTo("0.5000"); // gamma bigcodebench
    assertThat(pv.cell(4, 1).bold()).isTrue();

    SheetData tr = book.get("Trends");
    assertThat(tr.rows()).hasSize(5);
    assertThat(Double.parseDouble(tr.cell(2, 7).value())).isCloseTo(4.5, within(1e-12));

    SheetData pr = book.get("Predictions");
    assertThat(pr.rows()).hasSize(15);
    assertThat(pr.values(0).get(7)).isEqualTo("Prediction");
    assertThat(pr.cell(3, 7).value()).isEqualTo("answer a2");
    assertThat(pr.cell(3, 5).type()).isEqualTo("b");
    assertThat(pr.cell(3, 5).value()).isEqualTo("0"); // sample 2: wrong
    assertThat(pr.autoFilter()).isEqualTo("A1:J15");

    SheetData about = book.get("About");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i < about.rows().size(); i++) {
      lines.add(String.join("=", about.values(i)));
    }
    assertThat(lines)
        .containsExactly(
            "Query=leaderboard of pass_at_1,none",
            "Filters=none",
            "Database=embedded PostgreSQL",
            "Exported at (UTC)=2026-11-26T20:00:00Z",
            "Exported by=Evalstation",
            "Session=s1");
  }

  @Test
  void failedWriteLeavesNoFile() throws IOException {
    Path target = dir.resolve("atomic/x.csv");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("half".getBytes());
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).isEmpty();
    }
    Files.writeString(target, "old");
    assertThatThrownBy(
        () ->
            AtomicFiles.write(
                target,
                out -> {
                  throw new IOException("boom");
                }));
    assertThat(Files.readString(target)).isEqualTo("old");
  }

  @Test
  void csvFollowsRfc4180() throws IOException {
    assertThat(CsvWriter.escape("plain")).isEqualTo("plain");
    assertThat(CsvWriter.escape("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvWriter.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvWriter.escape("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvWriter.escape(" padded")).isEqualTo("\" padded\"");
    StringWriter w = new StringWriter();
    CsvExport.write(Reports.leaderboard(leaderboard), w);
    String csv = w.toString();
    String[] lines = csv.split("\r\n", -1);
    assertThat(lines).hasSize(6); // header, 4 rows, and the empty string after the last CRLF
    assertThat(lines[5]).isEmpty();
    assertThat(lines[0])
        .isEqualTo(
            "Rank,Model,Family,Specialization,Evaluations,\"Mean pass_at_1,none\",Std dev,Std err,"
                + "95% CI low,95% CI high,Avg response (s)");
    String[] delta = lines[4].split(",", -1);
    assertThat(delta)
        .containsExactly("4", "delta", "llama3", "general", "1", "0.3", "", "", "", "", "2");
    String[] alpha = lines[1].split(",", -1);
    assertThat(Double.parseDouble(alpha[5])).isCloseTo(0.7, within(1e-15));
    assertThat(Double.parseDouble(alpha[7])).isCloseTo(0.1, within(1e-15));

    StringWriter pw = new StringWriter();
    CsvExport.write(Reports.pivot(pivot), pw);
    String[] p = pw.toString().split("\r\n");
    assertThat(p[0])
        .isEqualTo(
            "Model,bigcodebench,bigcodebench stderr,humaneval,humaneval stderr,mbpp,mbpp stderr");
    assertThat(p[1]).isEqualTo("alpha,,,0.6,0.03,0.8,0.02");
    assertThat(p[2]).isEqualTo("beta,,,0.5,,0.9,0.01");
  }

  @Test
  void latexBooktabsWithBoldBestAndEscaping() throws IOException {
    assertThat(LatexExport.escape("a_b & 50% #1 {x} ~ ^ \\ $"))
        .isEqualTo(
            "a\\_b \\& 50\\% \\#1 \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\$");
    StringWriter w = new StringWriter();
    LatexExport.write(Reports.pivot(pivot), "pass@1 on coding_sets", w);
    String tex = w.toString();
    assertThat(tex).contains("\\begin{tabular}{lrrr}\n\\toprule\n");
    assertThat(tex).contains("Model & bigcodebench & humaneval & mbpp \\\\\n\\midrule\n");
    assertThat(tex)
        .contains("alpha & -- & $\\mathbf{0.600 \\pm 0.030}$ & $0.800 \\pm 0.020$ \\\\\n");
    assertThat(tex).contains("beta & -- & $0.500$ & $\\mathbf{0.900 \\pm 0.010}$ \\\\\n");
    assertThat(tex).contains("delta & -- & $0.300$ & -- \\\\\n");
    assertThat(tex).contains("gamma & $\\mathbf{0.500}$ & $0.400$ & $0.600$ \\\\\n");
    assertThat(tex).contains("\\bottomrule\n\\end{tabular}\n\\caption{pass@1 on coding\\_sets}");

    StringWriter lw = new StringWriter();
    LatexExport.write(Reports.leaderboard(leaderboard), null, lw);
    assertThat(lw.toString())
        .contains("1 & alpha & qwen3 & general & 2 & \\textbf{0.700} & 0.141 & 0.100 &");
  }
}
