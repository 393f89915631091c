package io.evalstation.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.model.ClusterStatus;
import io.evalstation.model.FailureCause;
import io.evalstation.model.JobState;
import io.evalstation.model.TaskStatus;
import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sbatch, squeue, sacct, scancel and sinfo on the real local SLURM 22.05 cluster. */
class SlurmClientTest {
  static LocalCluster cluster;
  static ClusterConnection connection;
  static SlurmClient slurm;
  static String dir;
  static long timeoutJob;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.require();
    connection = cluster.connect("local");
    slurm = new SlurmClient(connection);
    dir = "evalstation-test/slurm-" + UUID.randomUUID();
    // submitted first: SLURM needs a minute (the smallest limit) plus its check interval
    timeoutJob = submit("timeout", "#SBATCH --time=1\nsleep 300\n");
  }

  @AfterAll
  static void stop() {
    if (connection != null) {
      connection.exec("scancel -n evtest-hog; rm -rf " + ShellQuote.quote(dir));
      connection.close();
    }
  }

  static long submit(String name, String body) {
    String path = dir + "/" + name + ".sbatch";
    connection.upload(
        ("#!/bin/bash\n#SBATCH --job-name=evtest-"
                + name
                + "\n#SBATCH --output="
                + name
                + ".log\n"
                + body)
            .getBytes(StandardCharsets.UTF_8),
        path);
    return slurm.submit(path);
  }

  static JobInfo await(long id, Predicate<JobInfo> until, Duration max)
      throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    JobInfo last = null;
    while (System.nanoTime() < end) {
      last = slurm.poll(List.of(id)).get(id);
      if (last != null && until.test(last)) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "job " + id + " did not reach the expected state in " + max + "; last: " + last);
  }

  @Test
  void completedJobHasExitZeroInAccounting() throws Exception {
    long id = submit("ok", "sleep 1\necho ok\n");
    assertThat(id).isPositive();
    JobInfo done =
        await(
            id,
            j -> j.state().isFinal() && j.source() == JobInfo.Source.SACCT,
            Duration.ofSeconds(60));
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.exitCode()).isZero();
    assertThat(done.signal()).isZero();
    assertThat(done.name()).isEqualTo("evtest-ok");
    assertThat(done.start()).isNotNull();
    assertThat(done.end()).isAfterOrEqualTo(done.start());
    assertThat(slurm.accounting(List.of(id)).get(id).state()).isEqualTo(JobState.COMPLETED);
    assertThat(connection.readFrom(dir + "/ok.log", 0, 100).text()).isEqualTo("ok\n");
  }

  @Test
  void exitThreeIsFailedWithExitCodeThree() throws Exception {
    long id = submit("exit3", "exit 3\n");
    JobInfo done =
        await(
            id,
            j -> j.state().isFinal() && j.source() == JobInfo.Source.SACCT,
            Duration.ofSeconds(60));
    assertThat(done.state()).isEqualTo(JobState.FAILED);
    assertThat(done.exitCode()).isEqualTo(3);
    assertThat(done.signal()).isZero();
    assertThat(done.state().taskStatus()).isEqualTo(TaskStatus.FAILED);
    assertThat(done.state().failureCause()).contains(FailureCause.EXIT_CODE);
  }

  @Test
  void pendingBehindAGpuHogThenCancelledWhilePending() throws Exception {
    long hog = submit("hog", "#SBATCH --gres=gpu:h100:4\nsleep 120\n");
    long waiting = submit("waits", "#SBATCH --gres=gpu:h100:1\nsleep 1\n");
    try {
      JobInfo h = await(hog, j -> j.state() == JobState.RUNNING, Duration.ofSeconds(120));
      assertThat(h.nodes()).isEqualTo("localhost");
      JobInfo w = slurm.queue(List.of(waiting)).get(waiting);
      assertThat(w.state()).isEqualTo(JobState.PENDING);
      assertThat(w.reason()).isIn("Resources", "Priority");
      assertThat(w.state().taskStatus()).isEqualTo(TaskStatus.QUEUED);
      assertThat(w.tres()).contains("gpu:h100:1");

      ClusterStatus st = slurm.status();
      assertThat(st.nodesTotal()).isEqualTo(1);
      assertThat(st.nodesActive()).isEqualTo(1);
      assertThat(st.gpus())
          .singleElement()
          .satisfies(
              g -> {
                assertThat(g.type()).isEqualTo("h100");
                assertThat(g.total()).isEqualTo(4);
                assertThat(g.allocated()).isEqualTo(4);
                assertThat(g.free()).isZero();
              });
      assertThat(st.pendingJobs()).isGreaterThanOrEqualTo(1);
      assertThat(st.runningJobs()).isGreaterThanOrEqualTo(1);

      slurm.cancel(List.of(waiting));
      JobInfo c =
          await(
              waiting,
              j -> j.state().isFinal() && j.source() == JobInfo.Source.SACCT,
              Duration.ofSeconds(60));
      assertThat(c.state()).isEqualTo(JobState.CANCELLED);
      assertThat(c.rawState()).startsWith("CANCELLED");
      // It never ran: sacct gives no start, or (when slurmdbd records the cancel as the start,
      // as 22.05 sometimes does) no elapsed time.
      assertThat(c.start() == null || c.elapsed() == null || c.elapsed().isZero())
          .as("start %s, elapsed %s", c.start(), c.elapsed())
          .isTrue();
      assertThat(c.state().taskStatus()).isEqualTo(TaskStatus.CANCELLED);
    } finally {
      slurm.cancel(List.of(hog, waiting));
    }
    JobInfo h = await(hog, j -> j.state().isFinal(), Duration.ofSeconds(60));
    assertThat(h.state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void cancelledWhileRunning() throws Exception {
    long id = submit("long", "sleep 120\n");
    await(id, j -> j.state() == JobState.RUNNING, Duration.ofSeconds(120));
    slurm.cancel(List.of(id));
    JobInfo c =
        await(
            id,
            j -> j.state().isFinal() && j.source() == JobInfo.Source.SACCT,
            Duration.ofSeconds(60));
    assertThat(c.state()).isEqualTo(JobState.CANCELLED);
    assertThat(c.start()).isNotNull();
  }

  @Test
  void timeLimitGivesTimeout() throws Exception {
    JobInfo t =
        await(
            timeoutJob,
            j -> j.state().isFinal() && j.source() == JobInfo.Source.SACCT,
            Duration.ofSeconds(200));
    assertThat(t.state()).isEqualTo(JobState.TIMEOUT);
    assertThat(t.state().taskStatus()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.state().failureCause()).contains(FailureCause.TIME_LIMIT);
    assertThat(t.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void onePollIsOneRoundTripWhateverTheNumberOfJobs() {
    long before = connection.roundTrips();
    Map<Long, JobInfo> none = slurm.poll(List.of(999_999_991L, 999_999_992L));
    assertThat(none).isEmpty();
    assertThat(connection.roundTrips() - before).isEqualTo(1);
  }

  @Test
  void sbatchRefusalIsReportedWithItsMessage() {
    String path = dir + "/bad.sbatch";
    connection.upload(
        "#!/bin/bash\n#SBATCH --partition=nosuchpartition\ntrue\n".getBytes(StandardCharsets.UTF_8),
        path);
    assertThatThrownBy(() -> slurm.submit(path))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("invalid partition");
  }
}
