package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.analytics.ComparisonRepository;
import io.evalstation.persistence.analytics.PairedComparison;
import io.evalstation.persistence.analytics.Statistics;
import io.evalstation.persistence.export.ExportInfo;
import io.evalstation.persistence.export.Reports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalstation compare --task A --task B} or {@code --model A --model B --dataset D}. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Two runs sample by sample: both correct, fixed (A wrong, B right), regressed, both wrong;",
      "McNemar's exact p, a seeded paired bootstrap 95% CI of accuracy B - A, comparability warnings."
    })
public final class CompareCommand implements Runnable {
  @Mixin DatabaseOptions db;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--task", paramLabel = "ID", description = "Task ids A and B (give twice).")
  List<Long> tasks = new ArrayList<>();

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "Models A and B (give twice, with --dataset): their latest completed tasks.")
  List<String> models = new ArrayList<>();

  @Option(names = "--dataset", paramLabel = "NAME", description = "Dataset for --model.")
  String dataset;

  @Option(
      names = "--filter",
      paramLabel = "FILTER",
      description = "Prediction filter (default: none, or the only one).")
  String filter;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Bootstrap seed (default " + Statistics.DEFAULT_SEED + ").")
  long seed = Statistics.DEFAULT_SEED;

  @Option(
      names = "--replicates",
      paramLabel = "N",
      description = "Bootstrap replicates (default " + Statistics.DEFAULT_REPLICATES + ").")
  int replicates = Statistics.DEFAULT_REPLICATES;

  @Override
  public void run() {
    boolean byTask = !tasks.isEmpty();
    if (byTask == !models.isEmpty()) {
      throw new IllegalArgumentException(
          "give either --task A --task B or --model A --model B --dataset D");
    }
    if (byTask && tasks.size() != 2) {
      throw new IllegalArgumentException("--task needs exactly two ids, got " + tasks.size());
    }
    if (!byTask && (models.size() != 2 || dataset == null)) {
      throw new IllegalArgumentException("--model needs exactly two names and --dataset");
    }
    try (AppContext ctx = AppContext.open(db.toOptions(), true)) {
      ComparisonRepository a = ctx.analytics().comparisons();
      long ta = byTask ? tasks.get(0) : a.latestCompletedTask(models.get(0), dataset);
      long tb = byTask ? tasks.get(1) : a.latestCompletedTask(models.get(1), dataset);
      PairedComparison c = a.compare(ta, tb, filter, replicates, seed);
      ExportInfo info =
          new ExportInfo(
              "paired comparison of task " + ta + " (A) and task " + tb + " (B)",
              "filter=" + c.filter(),
              ctx.database().describe(),
              Instant.now(),
              Map.of());
      output.emit(
          spec.commandLine().getOut(),
          Reports.comparison(c),
          c,
          info,
          c.a().model() + " vs " + c.b().model() + " on " + c.a().dataset());
    }
  }
}
