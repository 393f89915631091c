package io.evalstation.slurm.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstation.slurm.LocalCluster;
import org.junit.jupiter.api.Test;

class ClusterConnectionsTest {
  @Test
  void oneSharedConnectionPerClusterAndAFreshOneWhenTheProfileChanges() {
    ClusterProfile a = ClusterProfile.builder("a", "host-a").partition("gpu").build();
    try (ClusterConnections all = new ClusterConnections(LocalCluster.options())) {
      ClusterConnection first = all.get(a);
      assertThat(all.get(a)).isSameAs(first);
      ClusterConnection changed = all.get(a.toBuilder().partition("h100").build());
      assertThat(changed).isNotSameAs(first);
      assertThatThrownBy(() -> first.exec("true")).hasMessageContaining("closed");
      assertThat(all.names()).containsExactly("a");
      all.close("a");
      assertThat(all.names()).isEmpty();
    }
  }
}
