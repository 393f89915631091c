package io.evalstation.slurm.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesAndSshConfigTest {
  static final String CONFIG =
      """
      # user's config
      Host hpc
        HostName login.hpc.example.org
        User alice
        Port 2200
        IdentityFile ~/.ssh/id_hpc
        ProxyJump bastion

      Host bastion
        HostName bastion.example.org
        User alice-b
        IdentityFile = "/keys/bastion key"

      Host *.example.org !secret.example.org
        User fallback
        Port 2022

      Match host foo
        User ignored

      Host *
        User everyone
        IdentityFile %d/.ssh/id_%h
      """;

  @Test
  void aliasResolvesHostNameUserPortIdentityAndProxyJump() {
    SshConfig c = SshConfig.parse(CONFIG, "config");
    ClusterProfile p = ClusterProfile.builder("hpc", "hpc").partition("gpu").build();
    ClusterProfile.Endpoint e = p.resolve(c);
    assertThat(e.host()).isEqualTo("login.hpc.example.org");
    assertThat(e.port()).isEqualTo(2200);
    assertThat(e.user()).isEqualTo("alice");
    String home = System.getProperty("user.home");
    assertThat(e.identityFiles())
        .containsExactly(
            Path.of(home, ".ssh/id_hpc"), Path.of(home + "/.ssh/id_login.hpc.example.org"));
    assertThat(e.jump().host()).isEqualTo("bastion.example.org");
    assertThat(e.jump().user()).isEqualTo("alice-b");
    assertThat(e.jump().port()).isEqualTo(22);
    assertThat(e.jump().identityFiles()).startsWith(Path.of("/keys/bastion key"));
    assertThat(e.knownHostsName()).isEqualTo("[login.hpc.example.org]:2200");
  }

  @Test
  void profileValuesWinOverTheConfigAndFirstValueWinsInTheConfig() {
    SshConfig c = SshConfig.parse(CONFIG, "config");
    ClusterProfile p =
        ClusterProfile.builder("x", "hpc")
            .partition("gpu")
            .user("bob")
            .port(22)
            .jumpHost("carol@jump:2201")
            .build();
    ClusterProfile.Endpoint e = p.resolve(c);
    assertThat(e.user()).isEqualTo("bob");
    assertThat(e.port()).isEqualTo(22);
    assertThat(e.knownHostsName()).isEqualTo("login.hpc.example.org");
    assertThat(e.jump().user()).isEqualTo("carol");
    assertThat(e.jump().port()).isEqualTo(2201);
    assertThat(c.lookup("a.example.org").user()).isEqualTo("fallback");
    assertThat(c.lookup("a.example.org").port()).isEqualTo(2022);
    assertThat(c.lookup("secret.example.org").user()).isEqualTo("everyone");
    assertThat(c.lookup("foo").user()).isEqualTo("everyone");
    assertThat(
            ClusterProfile.builder("y", "plain.host")
                .partition("gpu")
                .build()
                .resolve(SshConfig.EMPTY)
                .jump())
        .isNull();
  }

  @Test
  void badConfigLineIsNamed() {
    assertThatThrownBy(() -> SshConfig.parse("Host a\n  HostName\n", "/home/u/.ssh/config"))
        .hasMessageContaining("/home/u/.ssh/config line 2");
  }

  @Test
  void profileValidationNamesTheBadValue() {
    assertThatThrownBy(() -> ClusterProfile.builder("c", "host; rm").partition("gpu").build())
        .hasMessageContaining("host 'host; rm'");
    assertThatThrownBy(() -> ClusterProfile.builder("c", "h").partition("gpu; x").build())
        .hasMessageContaining("partition 'gpu; x'");
    assertThatThrownBy(
            () -> ClusterProfile.builder("c", "h").partition("gpu").remoteWorkDir("../x").build())
        .hasMessageContaining("remote work directory '../x'");
    assertThatThrownBy(
            () ->
                ClusterProfile.builder("c", "h")
                    .partition("gpu")
                    .harnessCommand("lm_eval; id")
                    .build())
        .hasMessageContaining("harness command 'lm_eval; id'");
    assertThatThrownBy(() -> ClusterProfile.builder("c", "h").partition("gpu").port(70000).build())
        .hasMessageContaining("port 70000");
    assertThatThrownBy(
            () -> ClusterProfile.builder("c", "h").partition("gpu").jumpHost("a b").build())
        .hasMessageContaining("jump host 'a b'");
    assertThatThrownBy(() -> ClusterProfile.builder("bad name", "h").partition("gpu").build())
        .hasMessageContaining("cluster name 'bad name'");
  }

  @Test
  void profilesAreStoredAsFilesAndReadBack(@TempDir Path dir) throws Exception {
    ClusterProfiles store = new ClusterProfiles(dir.resolve("clusters"));
    assertThat(store.list()).isEmpty();
    ClusterProfile full =
        ClusterProfile.builder("hpc", "login.example.org")
            .port(2200)
            .user("alice")
            .identityFile(Path.of("/keys/id"))
            .jumpHost("bastion")
            .partition("h100")
            .account("proj1")
            .qos("normal")
            .remoteWorkDir("/scratch/alice/ev")
            .templateName("legacy-pipeline")
            .knownHostsFile(Path.of("/k/known_hosts"))
            .harnessCommand("python -m lm_eval")
            .gpuType("h100")
            .extraPath("/opt/bin")
            .useAgent(false)
            .build();
    ClusterProfile alias = ClusterProfile.builder("alias", "hpc").partition("gpu").build();
    store.save(full);
    store.save(alias);
    assertThat(store.list()).containsExactly(alias, full);
    assertThat(store.get("hpc")).isEqualTo(full);
    assertThat(Files.readString(dir.resolve("clusters/hpc.properties")))
        .doesNotContainIgnoringCase("password");
    assertThatThrownBy(() -> store.get("nope"))
        .hasMessageContaining("no cluster called 'nope'")
        .hasMessageContaining("alias");
    assertThat(store.delete("alias")).isTrue();
    assertThat(store.list()).containsExactly(full);
    Files.writeString(dir.resolve("clusters/broken.properties"), "host=a b\npartition=gpu\n");
    assertThatThrownBy(store::list)
        .hasMessageContaining("broken.properties")
        .hasMessageContaining("host 'a b'");
    assertThat(List.of(store.directory())).containsExactly(dir.resolve("clusters"));
  }
}
