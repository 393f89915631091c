package io.evalstation.slurm.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlurmTextTest {
  @Test
  void durations() {
    assertThat(SlurmText.duration("0:05")).isEqualTo(Duration.ofSeconds(5));
    assertThat(SlurmText.duration("1:02:03")).isEqualTo(Duration.parse("PT1H2M3S"));
    assertThat(SlurmText.duration("00:01:00")).isEqualTo(Duration.ofMinutes(1));
    assertThat(SlurmText.duration("3-04:05:06")).isEqualTo(Duration.parse("P3DT4H5M6S"));
    assertThat(SlurmText.duration("2-05")).isEqualTo(Duration.parse("P2DT5H"));
    assertThat(SlurmText.duration("01:02.500")).isEqualTo(Duration.ofMillis(62_500));
    assertThat(SlurmText.duration("INVALID")).isNull();
    assertThat(SlurmText.duration("UNLIMITED")).isNull();
    assertThat(SlurmText.duration("N/A")).isNull();
    assertThatThrownBy(() -> SlurmText.duration("1:2:3:4"))
        .hasMessageContaining("duration '1:2:3:4'");
  }

  @Test
  void timestampsAndIds() {
    assertThat(SlurmText.timestamp("2026-11-26T20:10:11"))
        .isEqualTo(Instant.parse("2026-11-26T20:10:11Z"));
    assertThat(SlurmText.timestamp("Unknown")).isNull();
    assertThat(SlurmText.timestamp("None")).isNull();
    assertThatThrownBy(() -> SlurmText.timestamp("yesterday"))
        .hasMessageContaining("timestamp 'yesterday'");
    assertThat(SlurmText.jobId("123")).isEqualTo(123L);
    assertThat(SlurmText.jobId("4567;cluster-a")).isEqualTo(4567L);
    assertThat(SlurmText.jobId("12.batch")).isNull();
    assertThat(SlurmText.jobId("12_3")).isNull();
    assertThat(SlurmText.jobId("12+0")).isNull();
    assertThat(SlurmText.tres("cpu=2,mem=8G,gres/gpu:h100=1"))
        .containsEntry("gres/gpu:h100", "1")
        .containsEntry("mem", "8G");
  }
}
