package io.evalstation.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.model.EvaluationTask;
import io.evalstation.model.PerfSample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a monitor read of a job's files, stored with its offsets in one transaction. */
class MonitorStateRepositoryTest extends TaskRepositoriesTestBase {
  @Test
  void monitorReadsMoveOffsetsLogProgressAndPerfTogether() throws Exception {
    var s = create("monitor", 1);
    EvaluationTask t = s.tasks().get(0);
    t = lifecycle.markQueued(t.id(), t.version(), 31, "/scratch/m/0", Instant.now());
    t = lifecycle.markRunning(t.id(), t.version(), "node1", Instant.now());
    assertThat(reads.activeOnCluster("local")).extracting(EvaluationTask::id).contains(t.id());
    var st = monitor.monitorState(t.id()).orElseThrow();
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    boolean ok =
        monitor.recordMonitorRead(
            st,
            new MonitorStateRepository.MonitorRead(
                12,
                40,
                5,
                "hello\nworld\n",
                3,
                10,
                List.of(new PerfSample(at, 0, 87.0, 40.0, 32000.0, 2.5, "node1"))));
    assertThat(ok).isTrue();
    // A stale reader (same starting offsets) stores nothing.
    assertThat(
            monitor.recordMonitorRead(
                st,
                new MonitorStateRepository.MonitorRead(
                    12, 40, 5, "hello\nworld\n", 3, 10, List.of())))
        .isFalse();
    var st2 = monitor.monitorState(t.id()).orElseThrow();
    assertThat(st2.logOffset()).isEqualTo(12);
    monitor.recordMonitorRead(
        st2, new MonitorStateRepository.MonitorRead(18, 40, 5, "again\n", null, null, List.of()));
    var all = reads.logSince(t.id(), 0);
    assertThat(all.text()).isEqualTo("hello\nworld\nagain\n");
    assertThat(all.nextOffset()).isEqualTo(18);
    assertThat(reads.logSince(t.id(), 12).text()).isEqualTo("again\n");
    assertThat(reads.logSince(t.id(), 18).text()).isEmpty();
    assertThat(reads.find(t.id()).orElseThrow().samplesDone()).isEqualTo(3);
    assertThat(reads.perfSamples(t.id()))
        .singleElement()
        .satisfies(p -> assertThat(p.gpuUtilization()).isEqualTo(87.0));
  }
}
