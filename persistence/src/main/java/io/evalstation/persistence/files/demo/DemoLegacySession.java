package io.evalstation.persistence.files.demo;

import static io.evalstation.persistence.files.demo.DemoCorpusGenerator.round;

import io.evalstation.persistence.files.demo.DemoCatalog.DemoDataset;
import io.evalstation.persistence.files.demo.DemoCatalog.DemoModel;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Gpu;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.Plan;
import io.evalstation.persistence.files.demo.DemoCorpusGenerator.TaskPlan;
import io.evalstation.persistence.files.demo.SampleProblems.Kind;
import io.evalstation.persistence.files.legacy.LegacyDataset;
import io.evalstation.persistence.files.legacy.LegacyFormat;
import io.evalstation.persistence.files.legacy.LegacyModel;
import io.evalstation.persistence.files.legacy.LegacyPerformance;
import io.evalstation.persistence.files.legacy.LegacyPredictionsWriter;
import io.evalstation.persistence.files.legacy.LegacyResults;
import io.evalstation.persistence.files.legacy.LegacySession;
import io.evalstation.persistence.files.legacy.LegacySessionWriter;
import io.evalstation.persistence.files.legacy.LegacyTask;
import io.evalstation.persistence.files.legacy.LegacyTimes;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes one session of the demo corpus in the legacy format: its predictions files (deciding every
 * prediction as it goes), then the session file with its tasks and GPU performance samples.
 */
final class DemoLegacySession {
  private final DemoCorpusGenerator generator;

  DemoLegacySession(DemoCorpusGenerator generator) {
    this.generator = generator;
  }

  void write(
      Path dir,
      String stamp,
      Plan plan,
      LocalDateTime start,
      Gpu gpu,
      String node,
      long jobId,
      List<TaskPlan> plans,
      boolean crashed,
      boolean oldStyle,
      SplittableRandom rnd) {
    Map<String, LegacyModel> models = new LinkedHashMap<>();
    Map<String, LegacyDataset> datasets = new LinkedHashMap<>();
    for (TaskPlan tp : plans) {
      DemoModel m = tp.model;
      models.putIfAbsent(
          m.name(),
          new LegacyModel(
              m.family(), m.parameterCount(), m.specialization(), m.backend(), null, Map.of()));
      DemoDataset d = tp.dataset;
      datasets.putIfAbsent(
          d.name(),
          new LegacyDataset(
              d.taskType(),
              d.category(),
              d.sampleCount(),
              "data/" + d.name() + ".jsonl",
              null,
              Map.of()));
    }
    // Predictions first: the task entries need their totals and end times.
    LocalDateTime t = plans.get(0).start;
    for (TaskPlan tp : plans) {
      tp.start = t;
      if (tp.failure == null || tp.failure.equals("TIME_LIMIT")) {
        try (LegacyPredictionsWriter pw =
            LegacyPredictionsWriter.create(
                dir,
                stamp,
                tp.index,
                tp.model.name(),
                tp.dataset.name(),
                Map.of(),
                generator.options().layout())) {
          generator.runTask(tp, stamp, pw::write);
          generator.legacyPredictions += pw.count();
        }
        generator.files++;
      } else {
        generator.runTask(tp, stamp, null);
      }
      t = tp.end.plusSeconds(3 + tp.index % 6);
    }
    LocalDateTime end = plans.get(plans.size() - 1).end.plusSeconds(5);
    int successes = 0;
    for (TaskPlan tp : plans) {
      if (tp.failure == null && !tp.missingResults) {
        successes++;
      }
    }
    String status = crashed ? "running" : successes == 0 ? "failed" : "completed";
    LegacySession session =
        new LegacySession(
            stamp,
            plan.category(),
            "hpc-" + gpu.type().toLowerCase(Locale.ROOT).replace("-40gb", ""),
            start,
            crashed ? null : end,
            status,
            jobId,
            node,
            gpu.type(),
            plans.size(),
            successes,
            null,
            models,
            datasets,
            Map.of("gpu_count", gpuCount(plans, gpu)));
    try (LegacySessionWriter w =
        LegacySessionWriter.create(dir, session, generator.options().layout())) {
      for (TaskPlan tp : plans) {
        w.writeTask(legacyTask(stamp, tp, jobId, node, oldStyle));
      }
      writePerformance(w, plans, gpu, node, rnd);
    }
    generator.files++;
  }

  private static LegacyTask legacyTask(
      String stamp, TaskPlan tp, long jobId, String node, boolean oldStyle) {
    boolean hasPredictions = tp.failure == null || tp.failure.equals("TIME_LIMIT");
    String error = null;
    LegacyResults results = null;
    if (tp.failure != null) {
      error =
          tp.failure.equals("TIME_LIMIT")
              ? "slurmstepd: error: *** JOB "
                  + jobId
                  + " ON "
                  + node
                  + " CANCELLED AT "
                  + LegacyTimes.format(tp.end)
                  + " DUE TO TIME LIMIT ***"
              : tp.failure;
    } else if (!tp.missingResults) {
      double value = tp.processed == 0 ? 0 : (double) tp.correct / tp.processed;
      Map<String, Double> metrics = new LinkedHashMap<>();
      String metric = tp.dataset.metric();
      // Older pipeline versions wrote pass@1; the format doc says both mean the same.
      metrics.put(oldStyle && metric.equals("pass_at_1") ? "pass@1" : metric, round(value, 4));
      metrics.put("accuracy", round(value, 4));
      if (tp.dataset.kind() == Kind.MATH) {
        metrics.put("strict_exact_match", round((double) tp.strictCorrect / tp.processed, 4));
      }
      results =
          new LegacyResults(
              tp.processed,
              metrics,
              round(tp.processed == 0 ? 0 : tp.execTotal / tp.processed, 3),
              Map.of());
    }
    return LegacyTask.of(
        tp.index,
        tp.model.name(),
        tp.dataset.name(),
        tp.preset,
        tp.limit,
        tp.start,
        tp.missingResults ? null : tp.end,
        tp.failure == null && !tp.missingResults,
        error,
        results,
        hasPredictions ? LegacyFormat.predictionsFileName(stamp, tp.index) : null);
  }

  private static int gpuCount(List<TaskPlan> plans, Gpu gpu) {
    double need = plans.stream().mapToDouble(tp -> tp.model.memoryGib()).max().orElse(1);
    return need > gpu.memoryGib() * 2 ? 4 : need > gpu.memoryGib() ? 2 : 1;
  }

  private static void writePerformance(
      LegacySessionWriter w, List<TaskPlan> plans, Gpu gpu, String node, SplittableRandom rnd) {
    LocalDateTime first = plans.get(0).start;
    LocalDateTime last = plans.get(plans.size() - 1).end;
    long total = java.time.Duration.between(first, last).getSeconds();
    // About one sample a minute, at most 240 a session.
    long step = Math.max(60, total / 240);
    int ti = 0;
    for (long s = 15; s <= total; s += step) {
      LocalDateTime at = first.plusSeconds(s);
      while (ti < plans.size() - 1 && at.isAfter(plans.get(ti).end)) {
        ti++;
      }
      TaskPlan tp = plans.get(ti);
      boolean busy = !at.isBefore(tp.start) && !at.isAfter(tp.end) && tp.processed > 0;
      double mem = Math.min(97.5, 100.0 * tp.model.memoryGib() / (gpu.memoryGib() * 1.0));
      double util = busy ? 70 + rnd.nextDouble() * 28 : rnd.nextDouble() * 8;
      double memory = busy ? mem * (0.9 + rnd.nextDouble() * 0.1) : 2 + rnd.nextDouble() * 3;
      double throughput =
          busy ? tp.model.tokensPerSecond() / 60.0 * (0.8 + rnd.nextDouble() * 0.4) * 10 : 0;
      w.writePerformance(
          LegacyPerformance.of(at, round(util, 1), round(memory, 1), round(throughput, 2), node));
    }
  }
}
