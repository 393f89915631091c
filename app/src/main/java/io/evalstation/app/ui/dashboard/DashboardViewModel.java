package io.evalstation.app.ui.dashboard;

import io.evalstation.app.ui.controls.Durations;
import io.evalstation.app.ui.task.BackgroundTask;
import io.evalstation.app.ui.task.TaskExecutor;
import io.evalstation.model.ClusterStatus;
import io.evalstation.model.SessionSummary;
import io.evalstation.persistence.repo.KeyResultRepository;
import io.evalstation.persistence.repo.KeyResultRepository.RecentResult;
import io.evalstation.persistence.repo.PerformanceRepository;
import io.evalstation.persistence.repo.PerformanceRepository.PerfPoint;
import io.evalstation.persistence.repo.SessionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard: cards for active and recent sessions, cluster state, live performance and the
 * latest results. Everything is read in one background task per refresh.
 */
public final class DashboardViewModel {
  static final int CARDS = 8;
  static final int PERF_MINUTES = 15;

  private final SessionRepository sessions;
  private final KeyResultRepository keyResults;
  private final PerformanceRepository perf;
  private final TaskExecutor tasks;
  private final ObservableList<SessionSummary> cards = FXCollections.observableArrayList();
  private final ObservableList<PerfPoint> performance = FXCollections.observableArrayList();
  private final ObservableList<RecentResult> results = FXCollections.observableArrayList();
  private final ReadOnlyIntegerWrapper runningTasks = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper activeSessions = new ReadOnlyIntegerWrapper();
  private final ReadOnlyStringWrapper clusterState =
      new ReadOnlyStringWrapper("no cluster configured");
  private final ReadOnlyStringWrapper nodes = new ReadOnlyStringWrapper("–");
  private final ReadOnlyStringWrapper gpus = new ReadOnlyStringWrapper("–");
  private final ReadOnlyStringWrapper pending = new ReadOnlyStringWrapper("–");
  private final ReadOnlyStringWrapper wait = new ReadOnlyStringWrapper("–");
  private final ClusterSource clusters;
  private Instant lastClusterRead = Instant.EPOCH;

  /** The first configured cluster's status (over SSH), or empty when none is configured. */
  @FunctionalInterface
  public interface ClusterSource {
    Optional<Map.Entry<String, ClusterStatus>> status() throws Exception;
  }

  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

  public DashboardViewModel(
      SessionRepository sessions,
      KeyResultRepository keyResults,
      PerformanceRepository perf,
      TaskExecutor tasks) {
    this(sessions, keyResults, perf, tasks, Optional::empty);
  }

  public DashboardViewModel(
      SessionRepository sessions,
      KeyResultRepository keyResults,
      PerformanceRepository perf,
      TaskExecutor tasks,
      ClusterSource clusters) {
    this.sessions = sessions;
    this.keyResults = keyResults;
    this.perf = perf;
    this.tasks = tasks;
    this.clusters = clusters;
  }

  /** Reads the cluster's status, at most every 30 s (it is an SSH round trip). */
  private void refreshCluster() {
    Instant now = Instant.now();
    if (Duration.between(lastClusterRead, now).getSeconds() < 30) {
      return;
    }
    lastClusterRead = now;
    BackgroundTask.of("Reading the cluster status", p -> clusters.status())
        .onSuccess(
            st -> {
              if (st.isEmpty()) {
                clusterState.set("no cluster configured");
                return;
              }
              ClusterStatus c = st.get().getValue();
              clusterState.set(st.get().getKey());
              nodes.set(c.nodesActive() + " / " + c.nodesTotal());
              gpus.set(
                  c.gpus().isEmpty()
                      ? "none"
                      : c.gpus().stream()
                          .map(g -> g.free() + " " + g.type())
                          .collect(java.util.stream.Collectors.joining(", ")));
              pending.set(Integer.toString(c.pendingJobs()));
              wait.set(
                  c.nextPendingStart() == null
                      ? "–"
                      : Durations.format(Duration.between(now, c.nextPendingStart())));
            })
        .onFailure(e -> clusterState.set("cluster unreachable: " + e.getMessage()))
        .executeWith(tasks);
  }

  public ReadOnlyStringProperty nodesProperty() {
    return nodes.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty gpusProperty() {
    return gpus.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty pendingProperty() {
    return pending.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty waitProperty() {
    return wait.getReadOnlyProperty();
  }

  private record Loaded(
      List<SessionSummary> cards,
      int active,
      int running,
      List<PerfPoint> perf,
      List<RecentResult> results) {}

  /** Re-reads everything shown. */
  public void refresh() {
    refreshCluster();
    BackgroundTask.of(
            "Reading the dashboard",
            p -> {
              List<SessionSummary> all = sessions.recentSummaries(200);
              List<SessionSummary> active =
                  all.stream().filter(s -> !s.session().status().isFinal()).toList();
              List<SessionSummary> shown = new ArrayList<>(active);
              for (SessionSummary s : all) {
                if (shown.size() >= CARDS) {
                  break;
                }
                if (!shown.contains(s)) {
                  shown.add(s);
                }
              }
              int running = all.stream().mapToInt(SessionSummary::runningTasks).sum();
              return new Loaded(
                  shown.size() > CARDS ? shown.subList(0, CARDS) : shown,
                  active.size(),
                  running,
                  perf.recent(null, PERF_MINUTES),
                  keyResults.recentResults(12));
            })
        .onSuccess(
            l -> {
              // Unchanged cards stay the same nodes: a live refresh must not eat a double-click.
              if (!cards.equals(l.cards())) {
                cards.setAll(l.cards());
              }
              activeSessions.set(l.active());
              runningTasks.set(l.running());
              performance.setAll(l.perf());
              if (!results.equals(l.results())) {
                results.setAll(l.results());
              }
              error.set(null);
            })
        .onFailure(e -> error.set("Cannot read the dashboard: " + e.getMessage()))
        .executeWith(tasks);
  }

  /** The remaining time of a session at its pace so far; null when unknown or finished. */
  public static Duration eta(SessionSummary s, Instant now) {
    if (s.session().status().isFinal() || s.session().startTime() == null) {
      return null;
    }
    return Durations.eta(
        Duration.between(s.session().startTime(), now), s.finishedTasks(), s.totalTasks());
  }

  public ObservableList<SessionSummary> cards() {
    return cards;
  }

  public ObservableList<PerfPoint> performance() {
    return performance;
  }

  public ObservableList<RecentResult> results() {
    return results;
  }

  public ReadOnlyIntegerProperty runningTasksProperty() {
    return runningTasks.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty activeSessionsProperty() {
    return activeSessions.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty clusterStateProperty() {
    return clusterState.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
