package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.DatasetInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evalstation datasets list|set}. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description =
        "The dataset registry (filled by imports; your edits are never overwritten by them).",
    subcommands = {DatasetsCommand.ListDatasets.class, DatasetsCommand.SetDataset.class})
public final class DatasetsCommand extends UsageCommand {
  static final RegistryVerbs.Table<DatasetInfo> TABLE =
      new RegistryVerbs.Table<>(
          "%-28s %-18s %-12s %8s %-24s %s%n",
          List.of("DATASET", "TASK TYPE", "CATEGORY", "SAMPLES", "HARNESS TASK", "FILE"),
          d ->
              List.of(
                  d.name(),
                  Listing.dash(d.taskType()),
                  Listing.dash(d.category()),
                  Listing.dash(d.sampleCount()),
                  Listing.dash(d.harnessTask()),
                  Listing.dash(d.filePath())));

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List datasets.")
  static final class ListDatasets extends RegistryVerbs.ListVerb<DatasetInfo> {
    @Option(names = "--category", description = "Only this category.")
    String category;

    @Option(names = "--task-type", description = "Only this task type.")
    String taskType;

    @Override
    List<DatasetInfo> list(AppContext ctx) {
      return ctx.registry().listDatasets(category, taskType);
    }

    @Override
    RegistryVerbs.Table<DatasetInfo> table() {
      return TABLE;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set attributes of a dataset (an empty value clears one).")
  static final class SetDataset extends RegistryVerbs.SetVerb<DatasetInfo> {
    @Option(names = "--task-type")
    String taskType;

    @Option(names = "--category")
    String category;

    @Option(names = "--sample-count", paramLabel = "N")
    String sampleCount;

    @Option(names = "--file-path")
    String filePath;

    @Option(names = "--harness-task")
    String harnessTask;

    @Override
    void given(RegistryChanges c) {
      c.put("task_type", taskType)
          .put("category", category)
          .put("sample_count", sampleCount)
          .put("file_path", filePath)
          .put("harness_task", harnessTask)
          .requireAny("--task-type, --category, --sample-count, --file-path or --harness-task");
    }

    @Override
    DatasetInfo update(AppContext ctx, String name, RegistryChanges c) {
      return ctx.registry().updateDataset(name, c.values());
    }

    @Override
    RegistryVerbs.Table<DatasetInfo> table() {
      return TABLE;
    }
  }
}
