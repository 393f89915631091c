package io.evalstation.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterException;
import io.evalstation.slurm.ssh.RemoteChunk;
import io.evalstation.slurm.ssh.RemoteRead;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The batched remote-read protocol: its command and its parser, then on the real cluster. */
class RemoteReadsTest {

  @Test
  void everyPathIsCheckedAndQuotedBeforeItReachesTheShell() {
    String cmd =
        RemoteReads.command(
            List.of(
                new RemoteRead("dir/job.log", 10, 100), new RemoteRead("dir/x=y@z/gpu.csv", 0, 5)));
    assertThat(cmd)
        .contains("rd dir/job.log 10 100; ")
        .contains("rd " + ShellQuote.quote("dir/x=y@z/gpu.csv") + " 0 5; ");
    assertThatThrownBy(
            () -> RemoteReads.command(List.of(new RemoteRead("x; touch /tmp/pwned", 0, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("monitored file");
  }

  @Test
  void theOutputParsesIntoOneChunkPerReadInOrder() {
    String b64 =
        Base64.getEncoder().encodeToString("é line\npartial".getBytes(StandardCharsets.UTF_8));
    String out =
        "noise from a login script\n"
            + RemoteReads.MARK
            + " 30 4\n"
            + b64
            + "\n"
            + RemoteReads.MARK
            + " -1 7\n\n";
    List<RemoteChunk> chunks = RemoteReads.parse(out, 2);
    assertThat(chunks.get(0).offset()).isEqualTo(4);
    assertThat(chunks.get(0).fileSize()).isEqualTo(30);
    assertThat(chunks.get(0).completeLines()).isEqualTo("é line\n");
    assertThat(chunks.get(0).nextLineOffset())
        .isEqualTo(4 + "é line\n".getBytes(StandardCharsets.UTF_8).length);
    assertThat(chunks.get(1).exists()).isFalse();
    assertThat(chunks.get(1).offset()).isEqualTo(7);
    assertThatThrownBy(() -> RemoteReads.parse(out, 3))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("reading 3 monitored file(s) gave 2 answer(s)");
  }

  @Test
  void onTheClusterOneRoundTripReadsEveryFile() {
    LocalCluster cluster = LocalCluster.require();
    String dir = "evalstation-it/reads-" + UUID.randomUUID();
    try (ClusterConnection c = cluster.connect("local")) {
      c.upload("one\ntwo\nthr".getBytes(StandardCharsets.UTF_8), dir + "/job.log");
      c.upload("0123456789".getBytes(StandardCharsets.UTF_8), dir + "/short.txt");
      long before = c.roundTrips();
      List<RemoteChunk> chunks =
          new RemoteReads(c)
              .readMany(
                  List.of(
                      new RemoteRead(dir + "/job.log", 4, 1000),
                      new RemoteRead(dir + "/missing.csv", 0, 1000),
                      new RemoteRead(dir + "/short.txt", 50, 1000)));
      assertThat(c.roundTrips() - before).isEqualTo(1);
      assertThat(chunks.get(0).completeLines()).isEqualTo("two\n");
      assertThat(chunks.get(0).nextLineOffset()).isEqualTo(8);
      assertThat(chunks.get(1).exists()).isFalse();
      // rewritten (shorter than the offset): read again from 0
      assertThat(chunks.get(2).offset()).isZero();
      assertThat(chunks.get(2).text()).isEqualTo("0123456789");
      c.exec("rm -rf " + ShellQuote.quote(dir));
    }
  }
}
