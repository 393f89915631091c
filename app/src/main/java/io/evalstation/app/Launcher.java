package io.evalstation.app;

import io.evalstation.app.cli.EvalstationCommand;
import io.evalstation.app.ui.EvalstationApp;

/**
 * The one entry point: no arguments opens the desktop app, anything else is the command line. A
 * separate class from the JavaFX {@code Application} so that it starts from a plain class path.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (args.length == 0 || (args.length == 1 && args[0].equals("gui"))) {
      EvalstationApp.launchApp(new String[0]);
    } else {
      System.exit(EvalstationCommand.run(args));
    }
  }
}
