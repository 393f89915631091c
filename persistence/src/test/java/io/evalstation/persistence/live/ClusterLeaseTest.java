package io.evalstation.persistence.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.persistence.SharedDatabase;
import io.evalstation.persistence.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two desktops (two leases, each on a connection of its own) on one real PostgreSQL: only one holds
 * a cluster's lease; releasing it, or losing its connection, lets the other take it over.
 */
class ClusterLeaseTest {
  @RegisterExtension static final SharedDatabase shared = new SharedDatabase("shared");

  @Test
  void onlyOneHoldsALeaseAndAReleasedOneIsTakenOver() {
    Database db = shared.db();
    try (ClusterLease a = new ClusterLease(db, "lease-a");
        ClusterLease b = new ClusterLease(db, "lease-a");
        ClusterLease other = new ClusterLease(db, "lease-other")) {
      assertThat(a.hold()).isTrue();
      assertThat(a.hold()).as("kept on the next tick").isTrue();
      assertThat(b.hold()).isFalse();
      assertThat(b.isHeld()).isFalse();
      assertThat(other.hold()).as("another cluster's lease is its own").isTrue();
      a.release();
      assertThat(a.isHeld()).isFalse();
      assertThat(b.hold()).isTrue();
      assertThat(a.hold()).isFalse();
    }
  }

  @Test
  void aLeaseWhoseConnectionDropsIsLostAndTakenOver() {
    Database db = shared.db();
    String cluster = "lease-dropped";
    try (ClusterLease a = new ClusterLease(db, cluster);
        ClusterLease b = new ClusterLease(db, cluster)) {
      assertThat(a.hold()).isTrue();
      // The server ends a's session (a network drop, a restarted pooler): its lock goes with it.
      Object ended =
          db.dsl()
              .fetchValue(
                  "select count(pg_terminate_backend(pid)) from pg_locks where locktype ="
                      + " 'advisory' and classid = ?::oid and objid = ?::oid and granted",
                  (long) ClusterLease.LOCK_CLASS,
                  Integer.toUnsignedLong(cluster.hashCode()));
      assertThat(((Number) ended).intValue()).isEqualTo(1);
      assertThat(b.hold()).isTrue();
      assertThat(a.hold()).as("a notices the dropped connection and cannot take it back").isFalse();
      assertThat(a.isHeld()).isFalse();
    }
  }
}
