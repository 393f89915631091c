package io.evalstation.slurm;

import static org.junit.jupiter.api.Assertions.fail;

import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.ssh.HostKeyPrompt;
import io.evalstation.slurm.ssh.PassphrasePrompt;
import io.evalstation.slurm.ssh.SshConfig;
import io.evalstation.slurm.ssh.SshOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real local test cluster brought up by {@code scripts/local-cluster.sh up}, described by
 * {@code /tmp/evalstation-cluster/cluster.env}. Tests call {@link #require()}: without the file
 * they are skipped with a loud message, or fail when {@code -Devalstation.requireCluster=true}.
 *
 * @param env the assignments of cluster.env
 */
public record LocalCluster(Map<String, String> env) {
  /**
   * Where {@code local-cluster.sh} writes the environment ({@code -Devalstation.clusterEnv=FILE}
   * overrides it).
   */
  public static final Path ENV_FILE =
      Path.of(System.getProperty("evalstation.clusterEnv", "/tmp/evalstation-cluster/cluster.env"));

  /** The cluster, or a skipped/failed test when it is not up. */
  public static LocalCluster require() {
    if (!Files.isRegularFile(ENV_FILE)) {
      String msg =
          "\n*** LOCAL CLUSTER NOT UP: "
              + ENV_FILE
              + " is missing. Run `bash scripts/local-cluster.sh up` (as root) to run the cluster"
              + " tests. ***";
      System.err.println(msg);
      if (Boolean.getBoolean("evalstation.requireCluster")) {
        fail(msg + " (-Devalstation.requireCluster=true)");
      }
      Assumptions.abort(msg);
    }
    Map<String, String> env = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(ENV_FILE)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + ENV_FILE, e);
    }
    return new LocalCluster(env);
  }

  /** One value of cluster.env; an error naming the key when absent. */
  public String get(String key) {
    String v = env.get(key);
    if (v == null) {
      throw new IllegalStateException(
          ENV_FILE + " has no " + key + "; run local-cluster.sh up again");
    }
    return v;
  }

  /** A profile for the local cluster using the stand-in harness and nvidia-smi. */
  public ClusterProfile.Builder profile(String name) {
    return ClusterProfile.builder(name, get("CLUSTER_HOST"))
        .port(Integer.parseInt(get("CLUSTER_PORT")))
        .user(get("CLUSTER_USER"))
        .identityFile(Path.of(get("CLUSTER_IDENTITY_FILE")))
        .knownHostsFile(Path.of(get("CLUSTER_KNOWN_HOSTS")))
        .partition(get("CLUSTER_PARTITION"))
        .account(get("CLUSTER_ACCOUNT"))
        .gpuType(get("CLUSTER_GPU_TYPE"))
        .harnessCommand(get("CLUSTER_FAKE_HARNESS"))
        .extraPath(get("CLUSTER_FAKE_BIN"))
        .useAgent(false);
  }

  /** Options that never consult the user's ~/.ssh and reject unknown hosts. */
  public static SshOptions options() {
    return new SshOptions(
        HostKeyPrompt.REJECT,
        PassphrasePrompt.NONE,
        SshConfig.EMPTY,
        Path.of("/nonexistent/known_hosts"),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        6);
  }

  /** A connection with {@link #profile} and {@link #options}. */
  public ClusterConnection connect(String name) {
    return new ClusterConnection(profile(name).build(), options());
  }

  /** The repository's {@code scripts/local-cluster.sh}, found upward from the working directory. */
  public static Path script() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path s = p.resolve("scripts/local-cluster.sh");
      if (Files.isRegularFile(s)) {
        return s;
      }
      p = p.getParent();
    }
    throw new IllegalStateException(
        "scripts/local-cluster.sh not found above " + Path.of("").toAbsolutePath());
  }

  /** Runs {@code local-cluster.sh ARG} (e.g. {@code restart-sshd}) and fails on a non-zero exit. */
  public static String run(String arg) {
    try {
      Process p =
          new ProcessBuilder(List.of("bash", script().toString(), arg))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("local-cluster.sh " + arg + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run local-cluster.sh " + arg, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
