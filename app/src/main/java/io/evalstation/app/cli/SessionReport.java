package io.evalstation.app.cli;

import io.evalstation.model.EtaPolicy;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.EvaluationTask;
import io.evalstation.persistence.repo.TaskRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session and its tasks as {@code status}, {@code watch} and {@code wait} print them. */
final class SessionReport {
  private SessionReport() {}

  static String header(EvaluationSession s, List<EvaluationTask> tasks) {
    long done = tasks.stream().filter(t -> t.status().isFinal()).count();
    return String.format(
        "session %s (id %d) on %s: %s, %d/%d task(s) finished",
        s.key(),
        s.id(),
        s.cluster() == null ? "-" : s.cluster(),
        s.status().dbValue(),
        done,
        tasks.size());
  }

  /** One line per task. */
  static String line(EvaluationTask t, TaskRepository repo, Instant now) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "  %3d  %-30s %-20s %-9s", t.index(), t.model(), t.dataset(), t.status().dbValue()));
    if (t.slurmJobId() != null) {
      sb.append(" job ").append(t.slurmJobId());
    }
    if (t.nodeName() != null) {
      sb.append(" on ").append(t.nodeName());
    }
    if (t.samplesDone() != null && t.samplesTotal() != null) {
      sb.append(String.format(" %d/%d", t.samplesDone(), t.samplesTotal()));
    }
    eta(t, repo, now).ifPresent(d -> sb.append(" eta ").append(format(d)));
    if (t.failureCause() != null) {
      sb.append(" ").append(t.failureCause().name());
      if (t.exitCode() != null) {
        sb.append(" exit ").append(t.exitCode());
      }
    }
    if (t.errorMessage() != null && t.status().isFinal()) {
      sb.append(" — ").append(t.errorMessage());
    }
    return sb.toString();
  }

  static java.util.Optional<Duration> eta(EvaluationTask t, TaskRepository repo, Instant now) {
    if (!EtaPolicy.applies(t)) {
      return java.util.Optional.empty();
    }
    return EtaPolicy.ofTask(
        t,
        EtaPolicy.speed(
            repo.perfSamples(t.id()),
            () -> repo.historicalSecondsPerSample(t.model(), t.dataset())),
        now);
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format("%dm%02ds", s / 60, s % 60);
  }

  static Map<String, Object> json(
      EvaluationSession s, List<EvaluationTask> tasks, TaskRepository repo, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("key", s.key());
    m.put("cluster", s.cluster());
    m.put("status", s.status().dbValue());
    m.put("category", s.category());
    m.put("startTime", str(s.startTime()));
    m.put("endTime", str(s.endTime()));
    List<Map<String, Object>> ts = new ArrayList<>();
    for (EvaluationTask t : tasks) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("id", t.id());
      tm.put("index", t.index());
      tm.put("model", t.model());
      tm.put("dataset", t.dataset());
      tm.put("preset", t.preset());
      tm.put("sampleLimit", t.sampleLimit());
      tm.put("priority", t.priority().dbValue());
      tm.put("status", t.status().dbValue());
      tm.put("slurmJobId", t.slurmJobId());
      tm.put("node", t.nodeName());
      tm.put("samplesDone", t.samplesDone());
      tm.put("samplesTotal", t.samplesTotal());
      tm.put("etaSeconds", eta(t, repo, now).map(Duration::toSeconds).orElse(null));
      tm.put("failureCause", t.failureCause() == null ? null : t.failureCause().name());
      tm.put("exitCode", t.exitCode());
      tm.put("message", t.errorMessage());
      tm.put("startTime", str(t.startTime()));
      tm.put("endTime", str(t.endTime()));
      ts.add(tm);
    }
    m.put("tasks", ts);
    return m;
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
