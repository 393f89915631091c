package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.ModelInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evalstation models list|set}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "The model registry (filled by imports; your edits are never overwritten by them).",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.SetModel.class})
public final class ModelsCommand extends UsageCommand {
  static final RegistryVerbs.Table<ModelInfo> TABLE =
      new RegistryVerbs.Table<>(
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

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List models.")
  static final class ListModels extends RegistryVerbs.ListVerb<ModelInfo> {
    @Option(names = "--family", description = "Only this family.")
    String family;

    @Option(names = "--specialization", description = "Only this specialization.")
    String specialization;

    @Override
    List<ModelInfo> list(AppContext ctx) {
      return ctx.registry().listModels(family, specialization);
    }

    @Override
    RegistryVerbs.Table<ModelInfo> table() {
      return TABLE;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set attributes of a model (an empty value clears one).")
  static final class SetModel extends RegistryVerbs.SetVerb<ModelInfo> {
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

    @Override
    void given(RegistryChanges c) {
      c.put("family", family)
          .put("parameter_count", params)
          .put("specialization", specialization)
          .put("backend", backend)
          .put("weights", weights)
          .requireAny("--family, --params, --specialization, --backend or --weights");
    }

    @Override
    ModelInfo update(AppContext ctx, String name, RegistryChanges c) {
      return ctx.registry().updateModel(name, c.values());
    }

    @Override
    RegistryVerbs.Table<ModelInfo> table() {
      return TABLE;
    }
  }
}
