package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.model.DatasetInfo;
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

/** {@code evalstation datasets list|set}. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description =
        "The dataset registry (filled by imports; your edits are never overwritten by them).",
    subcommands = {DatasetsCommand.ListDatasets.class, DatasetsCommand.SetDataset.class})
public final class DatasetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List datasets.")
  static final class ListDatasets implements Runnable {
    @Mixin DatabaseOptions db;

    @Option(names = "--category", description = "Only this category.")
    String category;

    @Option(names = "--task-type", description = "Only this task type.")
    String taskType;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
        print(spec.commandLine().getOut(), ctx.registry().listDatasets(category, taskType), json);
      }
    }
  }

  static void print(PrintWriter out, List<DatasetInfo> datasets, boolean json) {
    if (json) {
      Json.print(out, datasets);
      return;
    }
    out.printf(
        "%-28s %-18s %-12s %8s %-24s %s%n",
        "DATASET", "TASK TYPE", "CATEGORY", "SAMPLES", "HARNESS TASK", "FILE");
    for (DatasetInfo d : datasets) {
      out.printf(
          "%-28s %-18s %-12s %8s %-24s %s%n",
          d.name(),
          ModelsCommand.dash(d.taskType()),
          ModelsCommand.dash(d.category()),
          d.sampleCount() == null ? "-" : d.sampleCount(),
          ModelsCommand.dash(d.harnessTask()),
          ModelsCommand.dash(d.filePath()));
    }
    out.flush();
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Set attributes of a dataset (an empty value clears one).")
  static final class SetDataset implements Runnable {
    @Mixin DatabaseOptions db;

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

    @Spec CommandSpec spec;

    @Override
    public void run() {
      Map<String, String> changes = new LinkedHashMap<>();
      ModelsCommand.put(changes, "task_type", taskType);
      ModelsCommand.put(changes, "category", category);
      ModelsCommand.put(changes, "sample_count", sampleCount);
      ModelsCommand.put(changes, "file_path", filePath);
      ModelsCommand.put(changes, "harness_task", harnessTask);
      if (changes.isEmpty()) {
        throw new CliException(
            ExitCodes.USAGE,
            "nothing to set: give --task-type, --category, --sample-count, --file-path or --harness-task");
      }
      try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
        print(
            spec.commandLine().getOut(),
            List.of(ctx.registry().updateDataset(name, changes)),
            json);
      }
    }
  }
}
