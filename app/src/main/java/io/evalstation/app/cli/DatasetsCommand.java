package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.DatasetInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evalstation datasets list|set}. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description =
        "The dataset registry (filled by imports; your edits are never overwritten by them).",
    subcommands = {DatasetsCommand.ListDatasets.class, DatasetsCommand.SetDataset.class})
public final class DatasetsCommand extends UsageCommand {
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List datasets.")
  static final class ListDatasets extends DatabaseCommand {
    @Option(names = "--category", description = "Only this category.")
    String category;

    @Option(names = "--task-type", description = "Only this task type.")
    String taskType;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(AppContext ctx, PrintWriter out) {
      print(out, ctx.registry().listDatasets(category, taskType), json);
      return ExitCodes.OK;
    }
  }

  static void print(PrintWriter out, List<DatasetInfo> datasets, boolean json) {
    Listing.print(
        out,
        datasets,
        json,
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
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set attributes of a dataset (an empty value clears one).")
  static final class SetDataset extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "DATASET")
    String name;

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

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    private final RegistryChanges changes = new RegistryChanges();

    @Override
    void checkOptions() {
      changes
          .put("task_type", taskType)
          .put("category", category)
          .put("sample_count", sampleCount)
          .put("file_path", filePath)
          .put("harness_task", harnessTask)
          .requireAny("--task-type, --category, --sample-count, --file-path or --harness-task");
    }

    @Override
    int run(AppContext ctx, PrintWriter out) {
      DatasetInfo d = ctx.registry().updateDataset(name, changes.values());
      print(out, List.of(d), json);
      return ExitCodes.OK;
    }
  }
}
