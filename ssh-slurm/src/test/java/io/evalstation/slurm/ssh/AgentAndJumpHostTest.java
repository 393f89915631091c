package io.evalstation.slurm.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.slurm.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh-agent (a real one, started here) and a jump host (the same sshd, reached through itself). */
class AgentAndJumpHostTest {
  static LocalCluster cluster;

  @BeforeAll
  static void cluster() {
    cluster = LocalCluster.require();
  }

  @Test
  void keysFromARunningSshAgentAreUsed(@TempDir Path dir) throws Exception {
    Path sock = dir.resolve("agent.sock");
    Process agent =
        new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString())
            .redirectErrorStream(true)
            .start();
    try {
      for (int i = 0; i < 100 && !Files.exists(sock); i++) {
        Thread.sleep(50);
      }
      assertThat(sock).exists();
      ProcessBuilder add =
          new ProcessBuilder("ssh-add", cluster.get("CLUSTER_IDENTITY_FILE"))
              .redirectErrorStream(true);
      add.environment().put("SSH_AUTH_SOCK", sock.toString());
      Process a = add.start();
      String addOut = new String(a.getInputStream().readAllBytes());
      assertThat(a.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(a.exitValue()).as(addOut).isZero();

      // no identity file: the user's default keys are not authorized on the test server
      ClusterProfile p = cluster.profile("agent").identityFile(null).useAgent(true).build();
      try (ClusterConnection c =
          new ClusterConnection(
              p, LocalCluster.options().withAgentSocket(sock).withReconnectAttempts(1))) {
        assertThat(c.exec("echo via-agent").stdout()).isEqualTo("via-agent\n");
        assertThat(c.route()).isEqualTo("researcher@[127.0.0.1]:" + cluster.get("CLUSTER_PORT"));
      }
      // and without the agent the same profile cannot log in
      try (ClusterConnection c =
          new ClusterConnection(
              p.toBuilder().useAgent(false).build(),
              LocalCluster.options().withReconnectAttempts(1))) {
        assertThatThrownBy(c::connect)
            .isInstanceOf(ClusterException.class)
            .hasMessageContaining("Auth fail");
      }
    } finally {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void jumpHostIsUsedAndCheckedStrictly(@TempDir Path dir) {
    String port = cluster.get("CLUSTER_PORT");
    ClusterProfile p =
        cluster
            .profile("jump")
            .jumpHost(cluster.get("CLUSTER_USER") + "@127.0.0.1:" + port)
            .build();
    try (ClusterConnection c = new ClusterConnection(p, LocalCluster.options())) {
      assertThat(c.exec("echo $SSH_CONNECTION").stdout()).startsWith("127.0.0.1 ");
      assertThat(c.route())
          .isEqualTo("researcher@[127.0.0.1]:" + port + " via researcher@[127.0.0.1]:" + port);
      assertThat(c.readFrom("/etc/hostname", 0, 100).exists()).isTrue();
    }
    // an unknown jump host is refused like any other
    ClusterProfile unknown = p.toBuilder().knownHostsFile(dir.resolve("empty_known_hosts")).build();
    try (ClusterConnection c = new ClusterConnection(unknown, LocalCluster.options())) {
      assertThatThrownBy(c::connect).isInstanceOf(HostKeyException.class);
    }
  }

  @Test
  void aProfileThatIsOnlyAnSshConfigAliasConnects() {
    String config =
        "Host evalcluster-jump\n  HostName 127.0.0.1\n  Port "
            + cluster.get("CLUSTER_PORT")
            + "\n\nHost evalcluster-alias\n  HostName 127.0.0.1\n  Port "
            + cluster.get("CLUSTER_PORT")
            + "\n  User "
            + cluster.get("CLUSTER_USER")
            + "\n  IdentityFile "
            + cluster.get("CLUSTER_IDENTITY_FILE")
            + "\n  ProxyJump evalcluster-jump\n\nHost *\n  User "
            + cluster.get("CLUSTER_USER")
            + "\n";
    ClusterProfile alias =
        ClusterProfile.builder("alias", "evalcluster-alias")
            .partition(cluster.get("CLUSTER_PARTITION"))
            .knownHostsFile(Path.of(cluster.get("CLUSTER_KNOWN_HOSTS")))
            .useAgent(false)
            .build();
    SshOptions o = LocalCluster.options().withSshConfig(SshConfig.parse(config, "test config"));
    try (ClusterConnection c = new ClusterConnection(alias, o)) {
      assertThat(c.exec("whoami").stdout().strip()).isEqualTo(cluster.get("CLUSTER_USER"));
      String port = cluster.get("CLUSTER_PORT");
      assertThat(c.route())
          .isEqualTo("researcher@[127.0.0.1]:" + port + " via researcher@[127.0.0.1]:" + port);
    }
  }
}
