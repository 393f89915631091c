package io.evalstation.slurm.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.slurm.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real OpenSSH server of the local cluster: host keys, exec, SFTP, reconnects. */
class ClusterConnectionTest {
  static LocalCluster cluster;

  @BeforeAll
  static void cluster() {
    cluster = LocalCluster.require();
  }

  /** What {@code ssh-keygen -lf} says about a public key file: the SHA256 fingerprint. */
  static String sshKeygenFingerprint(String pubFile) throws Exception {
    Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", pubFile).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return out.split(" ")[1];
  }

  @Test
  void knownHostConnectsAndRunsCommands() {
    try (ClusterConnection c = cluster.connect("local")) {
      CommandResult r = c.exec("echo out; echo err >&2; exit 7");
      assertThat(r.exitCode()).isEqualTo(7);
      assertThat(r.stdout()).isEqualTo("out\n");
      assertThat(r.stderr()).isEqualTo("err\n");
      assertThat(c.exec("whoami").stdout().strip()).isEqualTo(cluster.get("CLUSTER_USER"));
      assertThat(c.connectCount()).isEqualTo(1);
      assertThat(c.roundTrips()).isEqualTo(2);
    }
  }

  @Test
  void unknownHostGoesToThePromptWithTheOpenSshFingerprintAndAcceptingRecordsIt(@TempDir Path dir)
      throws Exception {
    Path knownHosts = dir.resolve("ssh/known_hosts");
    Files.createDirectories(knownHosts.getParent());
    String[] rsa = Files.readString(Path.of(cluster.get("CLUSTER_HOST_KEY_RSA"))).split(" ");
    String before =
        "# the user's own lines stay untouched\nother.example.org "
            + rsa[0]
            + " "
            + rsa[1]
            + " a comment";
    Files.writeString(knownHosts, before);
    List<String> asked = new ArrayList<>();
    HostKeyPrompt accept =
        (host, type, fp) -> {
          asked.add(host + " " + type + " " + fp);
          return true;
        };
    ClusterProfile p = cluster.profile("local").knownHostsFile(knownHosts).build();
    try (ClusterConnection c = new ClusterConnection(p, options(accept))) {
      assertThat(c.exec("true").ok()).isTrue();
    }
    assertThat(asked).hasSize(1);
    String[] a = asked.get(0).split(" ");
    assertThat(a[0]).isEqualTo("[127.0.0.1]:" + cluster.get("CLUSTER_PORT"));
    String pub =
        a[1].equals("ssh-ed25519")
            ? cluster.get("CLUSTER_HOST_KEY_ED25519")
            : cluster.get("CLUSTER_HOST_KEY_RSA");
    assertThat(a[2]).isEqualTo(sshKeygenFingerprint(pub)).startsWith("SHA256:").doesNotEndWith("=");
    assertThat(Files.readString(knownHosts))
        .startsWith(before + "\n[127.0.0.1]:" + cluster.get("CLUSTER_PORT") + " " + a[1] + " ")
        .hasLineCount(3)
        .contains(Files.readString(Path.of(pub)).split(" ")[1]);

    // the recorded key is now known: no second question, and OpenSSH agrees with the file
    try (ClusterConnection c = new ClusterConnection(p, options(HostKeyPrompt.REJECT))) {
      assertThat(c.exec("true").ok()).isTrue();
    }
    Process ssh =
        new ProcessBuilder(
                "ssh",
                "-p",
                cluster.get("CLUSTER_PORT"),
                "-i",
                cluster.get("CLUSTER_IDENTITY_FILE"),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "UserKnownHostsFile=" + knownHosts,
                "-o",
                "HostKeyAlgorithms=" + a[1],
                cluster.get("CLUSTER_USER") + "@127.0.0.1",
                "true")
            .redirectErrorStream(true)
            .start();
    String sshOut = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ssh.exitValue()).as(sshOut).isZero();
  }

  @Test
  void rejectedUnknownHostIsRefusedAndNotRecorded(@TempDir Path dir) {
    Path knownHosts = dir.resolve("known_hosts");
    ClusterProfile p = cluster.profile("local").knownHostsFile(knownHosts).build();
    try (ClusterConnection c = new ClusterConnection(p, options(HostKeyPrompt.REJECT))) {
      assertThatThrownBy(() -> c.exec("true"))
          .isInstanceOf(HostKeyException.class)
          .hasMessageContaining("is unknown")
          .hasMessageContaining("SHA256:");
      assertThat(c.connectCount()).isZero();
    }
    assertThat(knownHosts).doesNotExist();
  }

  @Test
  void changedHostKeyIsRefusedNamingBothFingerprintsWithoutAsking(@TempDir Path dir)
      throws Exception {
    Path fake = dir.resolve("fake");
    Process kg =
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", fake.toString())
            .start();
    assertThat(kg.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String fakePub = Files.readString(dir.resolve("fake.pub"));
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(
        knownHosts,
        "[127.0.0.1]:"
            + cluster.get("CLUSTER_PORT")
            + " "
            + fakePub.split(" ")[0]
            + " "
            + fakePub.split(" ")[1]
            + "\n");
    List<String> asked = new ArrayList<>();
    HostKeyPrompt spy =
        (h, t, f) -> {
          asked.add(h);
          return true;
        };
    ClusterProfile p = cluster.profile("local").knownHostsFile(knownHosts).build();
    try (ClusterConnection c = new ClusterConnection(p, options(spy))) {
      assertThatThrownBy(c::connect)
          .isInstanceOf(HostKeyException.class)
          .hasMessageContaining("CHANGED")
          .hasMessageContaining("[127.0.0.1]:" + cluster.get("CLUSTER_PORT"))
          .hasMessageContaining(sshKeygenFingerprint(dir.resolve("fake.pub").toString()))
          .hasMessageContaining(sshKeygenFingerprint(cluster.get("CLUSTER_HOST_KEY_ED25519")));
    }
    assertThat(asked).isEmpty();
    assertThat(Files.readString(knownHosts)).hasLineCount(1);
  }

  @Test
  void passphraseProtectedKeyIsUnlockedThroughThePrompt() {
    List<Integer> attempts = new ArrayList<>();
    PassphrasePrompt prompt =
        (key, attempt) -> {
          attempts.add(attempt);
          return attempt == 1
              ? "wrong".toCharArray()
              : cluster.get("CLUSTER_TEST_PASSPHRASE").toCharArray();
        };
    ClusterProfile p =
        cluster
            .profile("local")
            .identityFile(Path.of(cluster.get("CLUSTER_IDENTITY_FILE_WITH_PASSPHRASE")))
            .build();
    SshOptions o = LocalCluster.options();
    o =
        new SshOptions(
            HostKeyPrompt.REJECT,
            prompt,
            o.sshConfig(),
            o.defaultKnownHosts(),
            o.connectTimeout(),
            o.keepAlive(),
            1);
    try (ClusterConnection c = new ClusterConnection(p, o)) {
      CommandResult r = c.exec("echo unlocked");
      assertThat(r.stdout()).as(r.toString()).isEqualTo("unlocked\n");
    }
    assertThat(attempts).containsExactly(1, 2);

    try (ClusterConnection c =
        new ClusterConnection(p, LocalCluster.options().withReconnectAttempts(1))) {
      assertThatThrownBy(c::connect)
          .isInstanceOf(ClusterException.class)
          .hasMessageContaining("Auth fail");
    }
  }

  @Test
  void sftpUploadDownloadAndIncrementalReads(@TempDir Path dir) {
    String base = "evalstation-test/conn-" + UUID.randomUUID();
    try (ClusterConnection c = cluster.connect("local")) {
      c.upload("line1\nline2\npart".getBytes(StandardCharsets.UTF_8), base + "/a/b/log.txt");
      RemoteChunk first = c.readFrom(base + "/a/b/log.txt", 0, 1000);
      assertThat(first.exists()).isTrue();
      assertThat(first.completeLines()).isEqualTo("line1\nline2\n");
      assertThat(first.nextLineOffset()).isEqualTo(12);
      c.exec("printf 'ial\\nline4\\n' >> " + base + "/a/b/log.txt").requireSuccess("append");
      RemoteChunk second = c.readFrom(base + "/a/b/log.txt", first.nextLineOffset(), 1000);
      assertThat(second.text()).isEqualTo("partial\nline4\n");
      assertThat(c.readFrom(base + "/a/b/log.txt", 2, 3).text()).isEqualTo("ne1");
      assertThat(c.readFrom(base + "/missing.txt", 0, 10).exists()).isFalse();
      c.downloadDirectory(base, dir.resolve("copy"));
      assertThat(dir.resolve("copy/a/b/log.txt")).hasContent("line1\nline2\npartial\nline4");
      c.download(base + "/a/b/log.txt", dir.resolve("single.txt"));
      assertThat(dir.resolve("single.txt")).exists();
      assertThat(c.list(base + "/a")).containsExactly("b");
      assertThat(c.exists(base + "/a/b")).isTrue();
      c.exec("rm -rf " + base).requireSuccess("clean up");
      assertThat(c.connectCount()).isEqualTo(1);
    }
  }

  @Test
  void sshdRestartedMidUseReconnects() {
    try (ClusterConnection c = cluster.connect("local")) {
      assertThat(c.exec("echo before").stdout()).isEqualTo("before\n");
      c.upload("x".getBytes(StandardCharsets.UTF_8), "evalstation-test/restart.txt");
      LocalCluster.run("restart-sshd");
      assertThat(c.exec("echo after").stdout()).isEqualTo("after\n");
      assertThat(c.readFrom("evalstation-test/restart.txt", 0, 10).text()).isEqualTo("x");
      assertThat(c.connectCount()).isEqualTo(2);
    }
  }

  @Test
  void sshdDownForAWhileIsWaitedForWithBackoff() throws Exception {
    try (ClusterConnection c = cluster.connect("local")) {
      c.connect();
      LocalCluster.run("stop-sshd");
      Thread restarter =
          new Thread(
              () -> {
                try {
                  Thread.sleep(2500);
                } catch (InterruptedException e) {
                  return;
                }
                LocalCluster.run("start-sshd");
              });
      restarter.start();
      try {
        assertThat(c.exec("echo back").stdout()).isEqualTo("back\n");
      } finally {
        restarter.join();
      }
      assertThat(c.connectCount()).isEqualTo(2);
    } finally {
      LocalCluster.run("start-sshd");
    }
  }

  static SshOptions options(HostKeyPrompt prompt) {
    SshOptions o = LocalCluster.options();
    return new SshOptions(
        prompt,
        o.passphrasePrompt(),
        o.sshConfig(),
        o.defaultKnownHosts(),
        o.connectTimeout(),
        o.keepAlive(),
        o.reconnectAttempts());
  }
}
