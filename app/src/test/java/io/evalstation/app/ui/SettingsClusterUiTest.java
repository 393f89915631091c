package io.evalstation.app.ui;

import static io.evalstation.app.ui.UiHarness.until;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Settings → "Add and connect" against the REAL local SLURM cluster ({@code
 * scripts/local-cluster.sh up}) with an empty known_hosts: the host-key dialog must show the
 * fingerprint {@code ssh-keygen -lf} gives for the server's key; Accept saves the profile and the
 * key, Reject saves nothing.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsClusterUiTest {
  private static final Path ENV = Path.of("/tmp/evalstation-cluster/cluster.env");
  private static UiHarness harness;
  private static Map<String, String> env;
  private Workbench workbench;

  @BeforeAll
  static void setUp() throws Exception {
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
    env = new HashMap<>();
    for (String line : Files.readAllLines(ENV)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    harness =
        UiHarness.open(Files.createTempDirectory("evalstation-ui-test"), UiHarness.Fixture.NONE);
  }

  @AfterAll
  static void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Start
  void start(Stage stage) {
    if (harness != null) {
      workbench = harness.show(stage);
    }
  }

  @Test
  void acceptingTheFingerprintAddsTheClusterAndRemembersTheKey(FxRobot robot) throws Exception {
    Path knownHosts = Files.createFile(harness.dir.resolve("known_hosts_accept"));
    fillForm(robot, "local-accept", knownHosts);
    robot.interact(() -> robot.lookup("#cluster-add").queryAs(Button.class).fire());

    until(() -> robot.lookup("#host-key-fingerprint").tryQuery().isPresent());
    String type = robot.lookup("#host-key-type").queryAs(Label.class).getText();
    String shown = robot.lookup("#host-key-fingerprint").queryAs(Label.class).getText();
    Path pub = hostKeyFile(type);
    assertThat(shown).isEqualTo(sshKeygenFingerprint(pub));
    assertThat(robot.lookup("#host-key-host").queryAs(Label.class).getText())
        .contains(env.get("CLUSTER_HOST"));
    assertThat(Files.readString(knownHosts)).isEmpty();

    robot.clickOn("#host-key-accept");

    Label result = robot.lookup("#cluster-add-result").queryAs(Label.class);
    until(() -> result.getText().startsWith("Added and connected"));
    ListView<?> list = robot.lookup("#clusters-list").queryAs(ListView.class);
    until(() -> list.getItems().stream().anyMatch(i -> i.toString().startsWith("local-accept")));
    assertThat(harness.context.clusterProfiles().find("local-accept")).isPresent();
    String pubKey = Files.readString(pub, StandardCharsets.UTF_8).trim().split("\\s+")[1];
    assertThat(Files.readString(knownHosts)).contains(pubKey);
  }

  @Test
  void rejectingTheFingerprintSavesNothing(FxRobot robot) throws Exception {
    Path knownHosts = Files.createFile(harness.dir.resolve("known_hosts_reject"));
    fillForm(robot, "local-reject", knownHosts);
    robot.interact(() -> robot.lookup("#cluster-add").queryAs(Button.class).fire());

    until(() -> robot.lookup("#host-key-reject").tryQuery().isPresent());
    robot.clickOn("#host-key-reject");

    Label result = robot.lookup("#cluster-add-result").queryAs(Label.class);
    until(() -> result.getText().startsWith("Not added"));
    assertThat(harness.context.clusterProfiles().find("local-reject")).isEmpty();
    assertThat(Files.readString(knownHosts)).isEmpty();
    ListView<?> list = robot.lookup("#clusters-list").queryAs(ListView.class);
    assertThat(list.getItems()).noneMatch(i -> i.toString().startsWith("local-reject"));
  }

  @Test
  void aChangedHostKeyIsRefusedWithItsReasonBesideTheForm(FxRobot robot) throws Exception {
    // known_hosts claims another ed25519 key (the client's own) for the cluster's address.
    String other =
        Files.readString(Path.of(env.get("CLUSTER_IDENTITY_FILE") + ".pub"))
            .trim()
            .split("\\s+")[1];
    String entry =
        "[" + env.get("CLUSTER_HOST") + "]:" + env.get("CLUSTER_PORT") + " ssh-ed25519 " + other;
    Path knownHosts = Files.writeString(harness.dir.resolve("known_hosts_changed"), entry + "\n");
    fillForm(robot, "local-changed", knownHosts);
    robot.interact(() -> robot.lookup("#cluster-add").queryAs(Button.class).fire());

    Label result = robot.lookup("#cluster-add-result").queryAs(Label.class);
    until(() -> result.getText().startsWith("Not added"));
    assertThat(result.getText()).containsIgnoringCase("changed");
    assertThat(robot.lookup("#host-key-dialog").tryQuery()).isEmpty();
    assertThat(harness.context.clusterProfiles().find("local-changed")).isEmpty();
    assertThat(Files.readString(knownHosts)).isEqualTo(entry + "\n");
  }

  @Test
  void badPortIsShownBesideTheFieldAndNothingConnects(FxRobot robot) throws Exception {
    Path knownHosts = Files.createFile(harness.dir.resolve("known_hosts_badport"));
    fillForm(robot, "local-badport", knownHosts);
    set(robot, "#cluster-port", "22x");
    set(robot, "#cluster-partition", "");
    robot.interact(() -> robot.lookup("#cluster-add").queryAs(Button.class).fire());
    assertThat(robot.lookup("#cluster-port-error").queryAs(Label.class).getText())
        .contains("1..65535")
        .contains("22x");
    assertThat(robot.lookup("#cluster-partition-error").queryAs(Label.class).getText())
        .contains("Required");
    assertThat(robot.lookup("#host-key-dialog").tryQuery()).isEmpty();
    assertThat(harness.context.clusterProfiles().find("local-badport")).isEmpty();
  }

  private void fillForm(FxRobot robot, String name, Path knownHosts) {
    robot.interact(() -> workbench.window().select("settings"));
    until(() -> robot.lookup("#cluster-name").tryQuery().isPresent());
    set(robot, "#cluster-name", name);
    set(robot, "#cluster-host", env.get("CLUSTER_HOST"));
    set(robot, "#cluster-port", env.get("CLUSTER_PORT"));
    set(robot, "#cluster-user", env.get("CLUSTER_USER"));
    set(robot, "#cluster-identity", env.get("CLUSTER_IDENTITY_FILE"));
    set(robot, "#cluster-partition", env.get("CLUSTER_PARTITION"));
    set(robot, "#cluster-account", env.get("CLUSTER_ACCOUNT"));
    set(robot, "#cluster-known-hosts", knownHosts.toString());
  }

  private static void set(FxRobot robot, String id, String text) {
    robot.interact(() -> robot.lookup(id).queryAs(TextField.class).setText(text));
  }

  private static Path hostKeyFile(String keyType) {
    if (keyType.contains("ed25519")) {
      return Path.of(env.get("CLUSTER_HOST_KEY_ED25519"));
    } else if (keyType.contains("rsa")) {
      return Path.of(env.get("CLUSTER_HOST_KEY_RSA"));
    }
    throw new AssertionError("the dialog names key type '" + keyType + "', not ed25519 nor rsa");
  }

  private static String sshKeygenFingerprint(Path pub) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("ssh-keygen", "-lf", pub.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as("ssh-keygen -lf %s: %s", pub, out).isZero();
    // "256 SHA256:abc… comment (ED25519)"
    return out.split("\\s+")[1];
  }
}
