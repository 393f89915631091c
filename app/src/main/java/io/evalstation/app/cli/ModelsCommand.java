package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.ModelInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evalstation models list|set}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "The model registry (filled by imports; your edits are never overwritten by them).",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.SetModel.class})
public final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List models.")
  static final class ListModels implements Runnable {
    @Mixin DatabaseOptions db;

    @Option(names = "--family", description = "Only this family.")
    String family;

    @Option(names = "--specialization", description = "Only this specialization.")
    String specialization;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
        List<ModelInfo> models = ctx.registry().listModels(family, specialization);
        print(spec.commandLine().getOut(), models, json);
      }
    }
  }

  static void print(PrintWriter out, List<ModelInfo> models, boolean json) {
    if (json) {
      Json.print(out, models);
      return;
    }
    out.printf(
        "%-32s %-12s %15s %-14s %-10s %s%n",
        "MODEL", "FAMILY", "PARAMETERS", "SPECIALIZATION", "BACKEND", "WEIGHTS");
    for (ModelInfo m : models) {
      out.printf(
          "%-32s %-12s %15s %-14s %-10s %s%n",
          m.name(),
          dash(m.family()),
          m.parameterCount() == null ? "-" : String.format("%,d", m.parameterCount()),
          dash(m.specialization()),
          dash(m.backend()),
          dash(m.weights()));
    }
    out.flush();
  }

  static String dash(String s) {
    return s == null ? "-" : s;
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set attributes of a model (an empty value clears one).")
  static final class SetModel implements Runnable {
    @Mixin DatabaseOptions db;

    @Parameters(index = "0", paramLabel = "MODEL")
    String name;

    @Option(names = "--family")
    String family;

    @Option(
        names = {"--params", "--parameter-count"},
        paramLabel = "N")
    String params;

    @Option(names = "--specialization")
    String specialization;

    @Option(names = "--backend")
    String backend;

    @Option(names = "--weights")
    String weights;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      Map<String, String> changes = new LinkedHashMap<>();
      put(changes, "family", family);
      put(changes, "parameter_count", params);
      put(changes, "specialization", specialization);
      put(changes, "backend", backend);
      put(changes, "weights", weights);
      if (changes.isEmpty()) {
        throw new CliException(
            ExitCodes.USAGE,
            "nothing to set: give --family, --params, --specialization, --backend or --weights");
      }
      try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
        ModelInfo m = ctx.registry().updateModel(name, changes);
        print(spec.commandLine().getOut(), List.of(m), json);
      }
    }
  }

  static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
