package io.evalstation.app;

import io.evalstation.app.cli.EvalstationCommand;
import io.evalstation.app.ui.EvalstationApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point: no arguments opens the desktop app; paths of existing files (a double-click
 * on a result file, "Open with Evalstation") open the app, which imports them; anything else is the
 * command line. A separate class from the JavaFX {@code Application} so that it starts from a plain
 * class path.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (args.length == 0 || (args.length == 1 && args[0].equals("gui"))) {
      EvalstationApp.launchApp(new String[0]);
      return;
    }
    Optional<List<Path>> opened = OpenWithImport.filesToOpen(List.of(args));
    if (opened.isPresent()) {
      EvalstationApp.launchApp(opened.get().stream().map(Path::toString).toArray(String[]::new));
      return;
    }
    System.exit(EvalstationCommand.run(args));
  }
}
