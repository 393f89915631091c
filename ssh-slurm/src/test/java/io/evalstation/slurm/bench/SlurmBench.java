package io.evalstation.slurm.bench;

import io.evalstation.slurm.JobInfo;
import io.evalstation.slurm.LocalCluster;
import io.evalstation.slurm.SlurmClient;
import io.evalstation.slurm.parse.SacctParser;
import io.evalstation.slurm.parse.SqueueParser;
import io.evalstation.slurm.ssh.ClusterConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): SSH round trips and wall time of one poll with 1, 100 and 1,000 jobs
 * queued on the real local cluster, and the time to parse 1,000-job squeue and sacct outputs.
 *
 * <pre>mvn -B -o -q -pl ssh-slurm -am -Pbench -DskipTests test-compile</pre>
 */
public final class SlurmBench {
  private SlurmBench() {}

  public static void main(String[] args) throws Exception {
    parsing();
    if (LocalCluster.ENV_FILE.toFile().isFile()) {
      polling();
    } else {
      System.out.println(
          "local cluster not up (" + LocalCluster.ENV_FILE + "): poll benchmark skipped");
    }
  }

  static String squeueText(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      long id = 1_000_000 + i;
      if (i % 3 == 0) {
        sb.append(id)
            .append("|RUNNING|1:02:03|gpu-h100-0")
            .append(i % 90 + 10)
            .append("|None|gres/gpu:h100:2|2025-09-19T04:22:45|ev-model-")
            .append(i)
            .append("-gsm8k\n");
      } else {
        sb.append(id)
            .append("|PENDING|0:00||Resources|gres/gpu:h100:1|2025-09-19T09:10:00|ev-model-")
            .append(i)
            .append("-mbpp\n");
      }
    }
    return sb.toString();
  }

  static String sacctText(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      long id = 1_000_000 + i;
      sb.append(id)
          .append(i % 7 == 0 ? "|FAILED|3:0|" : "|COMPLETED|0:0|")
          .append("01:02:03|2025-09-19T04:22:45|2025-09-19T05:24:48|gpu-h100-017|")
          .append("billing=32,cpu=32,gres/gpu:h100=4,gres/gpu=4,mem=256G,node=1|None|ev-model-")
          .append(i)
          .append("-gsm8k\n");
    }
    return sb.toString();
  }

  static void parsing() {
    String sq = squeueText(1000);
    String sa = sacctText(1000);
    int sink = 0;
    for (int i = 0; i < 300; i++) { // warm-up
      sink += SqueueParser.parse(sq).size() + SacctParser.parse(sa).size();
    }
    double[] q = new double[200];
    double[] a = new double[200];
    for (int i = 0; i < q.length; i++) {
      long t0 = System.nanoTime();
      sink += SqueueParser.parse(sq).size();
      long t1 = System.nanoTime();
      sink += SacctParser.parse(sa).size();
      long t2 = System.nanoTime();
      q[i] = (t1 - t0) / 1e6;
      a[i] = (t2 - t1) / 1e6;
    }
    System.out.printf(
        "parse 1000-job squeue output (%d bytes): median %.3f ms, p90 %.3f ms%n",
        sq.length(), median(q), pct(q, 0.9));
    System.out.printf(
        "parse 1000-job sacct output  (%d bytes): median %.3f ms, p90 %.3f ms%n",
        sa.length(), median(a), pct(a, 0.9));
    if (sink == 42) {
      System.out.println();
    }
  }

  static void polling() throws Exception {
    LocalCluster cluster = LocalCluster.require();
    try (ClusterConnection c = cluster.connect("bench")) {
      SlurmClient slurm = new SlurmClient(c);
      // 1000 held jobs (PENDING, JobHeldUser) submitted by one remote loop; held jobs use nothing
      String out =
          c.exec(
                  "for i in $(seq 1000); do sbatch --parsable -H -J evbench -o /dev/null --wrap true || exit 1; done",
                  java.time.Duration.ofMinutes(15))
              .requireSuccess("submit 1000 held jobs")
              .stdout();
      List<Long> ids = new ArrayList<>();
      for (String l : out.strip().split("\n")) {
        ids.add(Long.parseLong(l.split(";")[0].strip()));
      }
      try {
        for (int n : new int[] {1, 100, 1000}) {
          List<Long> some = ids.subList(0, n);
          slurm.poll(some); // warm-up
          double[] ms = new double[5];
          long trips = 0;
          Map<Long, JobInfo> seen = Map.of();
          for (int i = 0; i < ms.length; i++) {
            long before = c.roundTrips();
            long t0 = System.nanoTime();
            seen = slurm.poll(some);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            trips = c.roundTrips() - before;
          }
          System.out.printf(
              "poll %4d jobs: %d SSH round trip(s), %d jobs reported, median %.1f ms%n",
              n, trips, seen.size(), median(ms));
        }
      } finally {
        c.exec("scancel -n evbench").requireSuccess("scancel bench jobs");
      }
    }
  }

  static double median(double[] v) {
    return pct(v, 0.5);
  }

  static double pct(double[] v, double p) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
  }
}
