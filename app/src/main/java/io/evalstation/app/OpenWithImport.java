package io.evalstation.app;

import io.evalstation.app.cli.EvalstationCommand;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.ImportReport;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.importer.UnitReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Open with Evalstation" for result files. The installers associate JSON result files (legacy
 * sessions, lm-eval results) with the app, so a double-click or the file manager's "Open with"
 * starts the launcher with their paths; the desktop app opens and imports them into its own
 * database (the embedded server has one owner at a time, so not through a second process).
 */
public final class OpenWithImport {
  private OpenWithImport() {}

  /**
   * The files to open, when the arguments are nothing but paths of existing regular files; empty
   * when they are a command line (a verb, an option, or anything that is not a file). A verb wins
   * over a file of the same name in the current directory.
   */
  public static Optional<List<Path>> filesToOpen(List<String> args) {
    if (args.isEmpty()) {
      return Optional.empty();
    }
    Set<String> verbs = verbs();
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.isEmpty() || arg.startsWith("-") || verbs.contains(arg)) {
        return Optional.empty();
      }
      Path path;
      try {
        path = Path.of(arg);
      } catch (InvalidPathException e) {
        return Optional.empty();
      }
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      files.add(path.toAbsolutePath().normalize());
    }
    return Optional.of(files);
  }

  /**
   * Imports the files into {@code db} (the importer finds a legacy session's prediction files and
   * an lm-eval results file's samples beside them) and says what happened. Bad files are reported,
   * not thrown.
   */
  public static Report importFiles(Importer importer, List<Path> files) {
    ImportReport report = importer.importPaths(files);
    StringBuilder text = new StringBuilder();
    for (UnitReport unit : report.units()) {
      text.append(describe(unit)).append('\n');
    }
    if (report.units().isEmpty()) {
      text.append("Nothing to import in ")
          .append(String.join(", ", files.stream().map(Path::toString).toList()))
          .append(": neither a legacy session nor lm-eval results.");
    }
    boolean ok = !report.units().isEmpty() && !report.anyFailed();
    return new Report(ok, text.toString().strip());
  }

  private static String describe(UnitReport unit) {
    String file = String.valueOf(unit.mainFile());
    ImportOutcome outcome = unit.outcome();
    return switch (outcome) {
      case IMPORTED, REPLACED ->
          String.format(
              "%s %s: session %s, %d task(s), %,d prediction(s)",
              outcome == ImportOutcome.IMPORTED ? "Imported" : "Re-imported (changed)",
              file,
              unit.sessionKey(),
              unit.tasks(),
              unit.predictions());
      case UNCHANGED ->
          "Already imported, unchanged: " + file + " (session " + unit.sessionKey() + ")";
      case FAILED, CANCELLED ->
          "Not imported: " + file + (unit.reason() == null ? "" : " — " + unit.reason());
    };
  }

  private static Set<String> verbs() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return Set.copyOf(EvalstationCommand.commandLine(sink, sink).getSubcommands().keySet());
  }

  /**
   * What the import of opened files did, for the window to show.
   *
   * @param ok whether every file imported (or was already there)
   * @param text one line per session: what was imported, or why not
   */
  public record Report(boolean ok, String text) {
    public Report {
      Objects.requireNonNull(text, "text");
    }
  }
}
