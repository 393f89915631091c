package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.ModelInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalstation models list|set}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "The model registry (filled by imports; your edits are never overwritten by them).",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.SetModel.class})
public final class ModelsCommand extends UsageCommand {
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List models.")
  static final class ListModels extends DatabaseCommand {
    @Option(names = "--family", description = "Only this family.")
    String family;

    @Option(names = "--specialization", description = "Only this specialization.")
    String specialization;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(AppContext ctx, PrintWriter out) {
      print(out, ctx.registry().listModels(family, specialization), json);
      return ExitCodes.OK;
    }
  }

  static void print(PrintWriter out, List<ModelInfo> models, boolean json) {
    Listing.print(
        out,
        models,
        json,
        "%-32s %-12s %15s %-14s %-10s %s%n",
        List.of("MODEL", "FAMILY", "PARAMETERS", "SPECIALIZATION", "BACKEND", "WEIGHTS"),
        m ->
            List.of(
                m.name(),
                Listing.dash(m.family()),
                m.parameterCount() == null ? "-" : String.format("%,d", m.parameterCount()),
                Listing.dash(m.specialization()),
                Listing.dash(m.backend()),
                Listing.dash(m.weights())));
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set attributes of a model (an empty value clears one).")
  static final class SetModel extends DatabaseCommand {
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

    private final RegistryChanges changes = new RegistryChanges();

    @Override
    void checkOptions() {
      changes
          .put("family", family)
          .put("parameter_count", params)
          .put("specialization", specialization)
          .put("backend", backend)
          .put("weights", weights)
          .requireAny("--family, --params, --specialization, --backend or --weights");
    }

    @Override
    int run(AppContext ctx, PrintWriter out) {
      ModelInfo m = ctx.registry().updateModel(name, changes.values());
      print(out, List.of(m), json);
      return ExitCodes.OK;
    }
  }
}
