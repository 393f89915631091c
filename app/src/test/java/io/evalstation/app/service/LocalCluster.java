package io.evalstation.app.service;

import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.ssh.HostKeyPrompt;
import io.evalstation.slurm.ssh.PassphrasePrompt;
import io.evalstation.slurm.ssh.SshConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The real local SLURM cluster that {@code scripts/local-cluster.sh up} brings up, read from the
 * file it writes. Tests skip (loudly) when it is absent, unless {@code
 * -Devalstation.requireCluster=true}, when they fail.
 */
final class LocalCluster {
  static final Path ENV = Path.of("/tmp/evalstation-cluster/cluster.env");

  final Map<String, String> env;

  private LocalCluster(Map<String, String> env) {
    this.env = env;
  }

  static LocalCluster requireOrSkip() {
    if (!Files.isRegularFile(ENV)) {
      String msg =
          "LOCAL CLUSTER ABSENT: "
              + ENV
              + " does not exist; run `bash scripts/local-cluster.sh up` to run the cluster tests";
      if (Boolean.getBoolean("evalstation.requireCluster")) {
        throw new AssertionError(msg + " (-Devalstation.requireCluster=true)");
      }
      System.err.println("SKIPPED: " + msg);
      Assumptions.abort(msg);
    }
    Map<String, String> env = new HashMap<>();
    try {
      for (String line : Files.readAllLines(ENV)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LocalCluster(env);
  }

  Path knownHosts() {
    return Path.of(env.get("CLUSTER_KNOWN_HOSTS"));
  }

  /** A profile whose sessions go into a directory of their own. */
  ClusterProfile profile(String name, String remoteDir) {
    return ClusterProfile.builder(name, env.get("CLUSTER_HOST"))
        .port(Integer.parseInt(env.get("CLUSTER_PORT")))
        .user(env.get("CLUSTER_USER"))
        .identityFile(Path.of(env.get("CLUSTER_IDENTITY_FILE")))
        .partition(env.get("CLUSTER_PARTITION"))
        .account(env.get("CLUSTER_ACCOUNT"))
        .gpuType(env.get("CLUSTER_GPU_TYPE"))
        .remoteWorkDir(remoteDir)
        .knownHostsFile(knownHosts())
        .harnessCommand(env.get("CLUSTER_FAKE_HARNESS"))
        .extraPath(env.get("CLUSTER_FAKE_BIN"))
        .useAgent(false)
        .build();
  }

  /** Strict host-key checking against the test cluster's known_hosts; unknown hosts refused. */
  ClusterConnection.Options options() {
    return ClusterConnection.Options.defaults(HostKeyPrompt.REJECT, PassphrasePrompt.NONE)
        .withDefaultKnownHosts(knownHosts())
        .withSshConfig(SshConfig.EMPTY);
  }

  /** Runs {@code scripts/local-cluster.sh ARG} from the repository. */
  static void script(String arg) throws IOException, InterruptedException {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("scripts/local-cluster.sh"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException("scripts/local-cluster.sh not found above the working dir");
    }
    Process p =
        new ProcessBuilder("bash", root.resolve("scripts/local-cluster.sh").toString(), arg)
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("local-cluster.sh " + arg + " exited " + p.exitValue());
    }
  }
}
