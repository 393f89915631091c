package io.evalstation.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class OpenWithImportTest {
  @TempDir Path dir;

  @Test
  void existingFilesAreOpenedNotParsedAsACommandLine() throws IOException {
    Path a = Files.writeString(dir.resolve("evaluation_session_20250919_042241.json"), "{}");
    Path b = Files.writeString(dir.resolve("results_2025-01-01T00-00-00.json"), "{}");

    assertThat(OpenWithImport.filesToOpen(a.toString(), b.toString()))
        .contains(List.of(a.toAbsolutePath(), b.toAbsolutePath()));
  }

  @Test
  void verbsOptionsDirectoriesAndMissingFilesStayACommandLine() throws IOException {
    Path file = Files.writeString(dir.resolve("results.json"), "{}");

    assertThat(OpenWithImport.filesToOpen("db", "info")).isEmpty();
    assertThat(OpenWithImport.filesToOpen("--help")).isEmpty();
    assertThat(OpenWithImport.filesToOpen(dir.toString())).isEmpty();
    assertThat(OpenWithImport.filesToOpen(dir.resolve("missing.json").toString())).isEmpty();
    assertThat(OpenWithImport.filesToOpen(file.toString(), "--json")).isEmpty();
    assertThat(OpenWithImport.filesToOpen()).isEmpty();
  }

  @Test
  void withoutAnImportVerbNothingIsImportedAndTheReportSaysSo() throws IOException {
    Path file = Files.writeString(dir.resolve("results.json"), "{}");

    OpenWithImport.Report report =
        OpenWithImport.importAll(List.of(file), (out, err) -> commandLine(null, out, err));

    assertThat(report.ok()).isFalse();
    assertThat(report.text()).contains("no import command").contains(file.toString());
  }

  @Test
  void eachFileGoesThroughTheImportVerbAndFailuresAreReported() throws IOException {
    Path good = Files.writeString(dir.resolve("good.json"), "{}");
    Path bad = Files.writeString(dir.resolve("bad.json"), "{}");
    List<String> seen = new ArrayList<>();

    OpenWithImport.Report report =
        OpenWithImport.importAll(
            List.of(good, bad), (out, err) -> commandLine(new FakeImport(seen), out, err));

    assertThat(seen).containsExactly(good.toString(), bad.toString());
    assertThat(report.ok()).isFalse();
    assertThat(report.text())
        .contains("Imported " + good)
        .contains("1 session imported from " + good)
        .contains("Could not import " + bad)
        .contains("evalstation: bad.json: line 1: expected an object");
  }

  /** The real root command, with a recording "import" verb instead of (or without) the real one. */
  private static CommandLine commandLine(Object importVerb, PrintWriter out, PrintWriter err) {
    CommandLine cl = EvalstationCommand.commandLine(out, err);
    cl.getSubcommands().keySet().stream()
        .filter(OpenWithImport.IMPORT_VERB::equals)
        .toList()
        .forEach(v -> cl.getCommandSpec().removeSubcommand(v));
    if (importVerb != null) {
      cl.addSubcommand(OpenWithImport.IMPORT_VERB, importVerb);
    }
    return cl;
  }

  /** Records the file it was given; fails on files named bad.json, as a real importer would. */
  @Command(name = "import")
  static final class FakeImport implements Callable<Integer> {
    private final List<String> seen;

    @Parameters(index = "0")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    FakeImport(List<String> seen) {
      this.seen = seen;
    }

    @Override
    public Integer call() {
      seen.add(file.toString());
      if (file.getFileName().toString().equals("bad.json")) {
        throw new CliException(ExitCodes.DATA_ERROR, "bad.json: line 1: expected an object");
      }
      spec.commandLine().getOut().println("1 session imported from " + file);
      return ExitCodes.OK;
    }
  }
}
