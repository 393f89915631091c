package io.evalstation.app.cli;

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
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * "Open with Evalstation" for result files. The installers associate JSON result files (legacy
 * sessions, lm-eval results) with the app, so a double-click or the file manager's "Open with"
 * starts the launcher with their paths. Each file is imported through the command line's own
 * {@code import} verb ({@code evalstation import FILE}) before the window opens — the embedded
 * database has one owner at a time — and the window then says what happened.
 */
public final class OpenWithImport {
  /** The verb that imports a file. */
  public static final String IMPORT_VERB = "import";

  private static final Logger LOG = LoggerFactory.getLogger(OpenWithImport.class);

  private OpenWithImport() {}

  /**
   * The files to open, when the arguments are nothing but paths of existing regular files; empty
   * when they are a command line (a verb, an option, or anything that is not a file). A verb wins
   * over a file of the same name in the current directory.
   */
  public static Optional<List<Path>> filesToOpen(String... args) {
    if (args.length == 0) {
      return Optional.empty();
    }
    Set<String> verbs = verbs(EvalstationCommand::commandLine);
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

  /** Imports each file with {@code evalstation import FILE}; never throws. */
  public static Report importAll(List<Path> files) {
    return importAll(files, EvalstationCommand::commandLine);
  }

  /** {@link #importAll(List)} with another command line (tests). */
  static Report importAll(
      List<Path> files, BiFunction<PrintWriter, PrintWriter, CommandLine> commandLines) {
    if (!verbs(commandLines).contains(IMPORT_VERB)) {
      String text =
          "This Evalstation has no import command yet, so it did not import:\n"
              + String.join("\n", files.stream().map(Path::toString).toList());
      LOG.warn("{}", text);
      return new Report(false, text);
    }
    StringBuilder text = new StringBuilder();
    boolean allOk = true;
    for (Path file : files) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code;
      try (PrintWriter o = new PrintWriter(out);
          PrintWriter e = new PrintWriter(err)) {
        // The command line's own path, exactly as `evalstation import FILE` in a terminal.
        code = commandLines.apply(o, e).execute(IMPORT_VERB, file.toString());
      }
      boolean ok = code == ExitCodes.OK;
      allOk &= ok;
      LOG.info("open-with import of {} exited {}", file, code);
      text.append(ok ? "Imported " : "Could not import ").append(file).append('\n');
      appendTrimmed(text, out.toString());
      appendTrimmed(text, err.toString());
    }
    return new Report(allOk, text.toString().strip());
  }

  private static void appendTrimmed(StringBuilder text, String s) {
    String t = s.strip();
    if (!t.isEmpty()) {
      text.append(t).append('\n');
    }
  }

  private static Set<String> verbs(
      BiFunction<PrintWriter, PrintWriter, CommandLine> commandLines) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return Set.copyOf(commandLines.apply(sink, sink).getSubcommands().keySet());
  }

  /**
   * What the import of opened files did, for the window to show.
   *
   * @param ok whether every file imported
   * @param text one paragraph per file: what was imported, or why not
   */
  public record Report(boolean ok, String text) {
    public Report {
      Objects.requireNonNull(text, "text");
    }
  }
}
