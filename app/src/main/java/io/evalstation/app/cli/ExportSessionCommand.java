package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.export.LegacyExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evalstation export-session ID --out DIR}. */
@Command(
    name = "export-session",
    mixinStandardHelpOptions = true,
    description =
        "Write a session in the legacy file format (session file + prediction files),"
            + " to take it where there is no database; `evalstation import` reads it back.")
public final class ExportSessionCommand implements Runnable {
  @Mixin DatabaseOptions db;

  @Parameters(index = "0", paramLabel = "SESSION", description = "Session key or id.")
  String session;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to write into.")
  Path out;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      LegacyExporter.ExportResult r;
      try {
        r = ctx.legacyExporter().export(session, out);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.NOT_FOUND, e.getMessage());
      }
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessionFile", r.sessionFile().toString());
        m.put("predictionFiles", r.predictionFiles().stream().map(Path::toString).toList());
        m.put("tasks", r.tasks());
        m.put("predictions", r.predictions());
        Json.print(w, m);
      } else {
        w.printf(
            "wrote %s (%d tasks) and %d prediction file(s) with %,d predictions%n",
            r.sessionFile(), r.tasks(), r.predictionFiles().size(), r.predictions());
        w.flush();
      }
    }
  }
}
