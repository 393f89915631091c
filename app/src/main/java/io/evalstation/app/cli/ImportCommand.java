package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.importer.ImportListener;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportProgress;
import io.evalstation.persistence.importer.ImportReport;
import io.evalstation.persistence.importer.UnitReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evalstation import PATH... [--zone Z] [--json]}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import legacy session files and lm-evaluation-harness output (files or folders, searched"
          + " recursively; recognised by content).",
      "Re-importing unchanged files changes nothing; changed files replace their session."
          + " Exit code 1 when any file failed, 130 when cancelled (Ctrl-C rolls back the session"
          + " being stored)."
    })
public final class ImportCommand implements Callable<Integer> {
  @Mixin DatabaseOptions db;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to import.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "Zone of legacy times written without one (the cluster's), e.g. Europe/Berlin."
              + " Default: this machine's.")
  String zone;

  @Option(names = "--json", description = "Print the per-file report as JSON.")
  boolean json;

  @Spec CommandSpec spec;

  private double seconds;

  @Override
  public Integer call() {
    ZoneId z;
    try {
      z = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new CliException(
          ExitCodes.USAGE, "--zone '" + zone + "' is not a time zone (e.g. Europe/Berlin, UTC)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AtomicBoolean cancel = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C: ask the import to stop, and wait for it to roll back the session it is storing.
    Thread hook =
        new Thread(
            () -> {
              cancel.set(true);
              try {
                finished.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "import-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      boolean terminal = System.console() != null && !json;
      ImportListener listener = terminal ? new TerminalProgress(err) : ImportListener.NONE;
      long t0 = System.nanoTime();
      ImportReport report = ctx.importer(new ImportOptions(z)).importPaths(paths, listener, cancel);
      seconds = (System.nanoTime() - t0) / 1e9;
      if (terminal) {
        err.print("\r\033[K");
        err.flush();
      }
      print(out, report);
      if (report.cancelled()) {
        return ExitCodes.CANCELLED;
      }
      return report.anyFailed() ? ExitCodes.FAILED : ExitCodes.OK;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting (Ctrl-C): the hook is running and returns now
      }
    }
  }

  private void print(PrintWriter out, ImportReport report) {
    if (json) {
      List<Map<String, Object>> units = new ArrayList<>();
      for (UnitReport u : report.units()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", String.valueOf(u.mainFile()));
        m.put("files", u.files().stream().map(Path::toString).toList());
        m.put("format", u.format().name().toLowerCase());
        m.put("outcome", u.outcome().label());
        m.put("session", u.sessionKey());
        m.put("sessionId", u.sessionId());
        m.put("tasks", u.tasks());
        m.put("predictions", u.predictions());
        m.put("reason", u.reason());
        units.add(m);
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("units", units);
      all.put("cancelled", report.cancelled());
      Map<String, Long> counts = new LinkedHashMap<>();
      for (var o : io.evalstation.persistence.importer.ImportOutcome.values()) {
        counts.put(o.label(), report.count(o));
      }
      all.put("counts", counts);
      all.put("predictions", report.predictions());
      all.put("seconds", Math.round(seconds * 1000) / 1000.0);
      Json.print(out, all);
      return;
    }
    for (UnitReport u : report.units()) {
      String extra =
          u.files().size() > 1
              ? " (+" + (u.files().size() - 1) + " file" + (u.files().size() > 2 ? "s" : "") + ")"
              : "";
      out.printf("%-9s %s%s", u.outcome().label(), u.mainFile(), extra);
      if (u.sessionKey() != null) {
        out.printf("  session %s", u.sessionKey());
      }
      if (u.tasks() > 0 || u.predictions() > 0) {
        out.printf(", %d tasks, %,d predictions", u.tasks(), u.predictions());
      }
      out.println();
      if (u.reason() != null
          && u.outcome() != io.evalstation.persistence.importer.ImportOutcome.UNCHANGED) {
        out.println("          " + u.reason());
      }
    }
    out.printf(
        "%d imported, %d replaced, %d unchanged, %d failed%s; %,d predictions in %.1f s%n",
        report.count(io.evalstation.persistence.importer.ImportOutcome.IMPORTED),
        report.count(io.evalstation.persistence.importer.ImportOutcome.REPLACED),
        report.count(io.evalstation.persistence.importer.ImportOutcome.UNCHANGED),
        report.count(io.evalstation.persistence.importer.ImportOutcome.FAILED),
        report.cancelled() ? ", cancelled" : "",
        report.predictions(),
        seconds);
    out.flush();
  }

  /** One status line on the terminal's stderr, rewritten in place. */
  static final class TerminalProgress implements ImportListener {
    private final PrintWriter err;

    TerminalProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void progress(ImportProgress p) {
      err.printf(
          "\r\033[Kfiles %d/%d  %s/%s  %,.0f predictions/s  ETA %s%s",
          p.filesDone(),
          p.filesTotal(),
          mb(p.bytesDone()),
          mb(p.bytesTotal()),
          p.predictionsPerSecond(),
          eta(p.eta()),
          p.currentFile() == null ? "" : "  " + p.currentFile().getFileName());
      err.flush();
    }

    static String mb(long bytes) {
      return String.format("%.1f MB", bytes / 1e6);
    }

    static String eta(Duration d) {
      if (d == null) {
        return "--";
      }
      long s = d.toSeconds();
      return s >= 3600
          ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
          : String.format("%d:%02d", s / 60, s % 60);
    }
  }
}
