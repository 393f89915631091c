package io.evalstation.persistence.live;

import io.evalstation.persistence.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to monitor one cluster, among every desktop sharing the database: a PostgreSQL
 * session-level advisory lock keyed by the cluster's name, held on a connection of its own. The
 * monitor asks for it on every tick ({@link #hold}), polls while it has it, and {@link #release
 * releases} it when it stops; a process that dies or loses its connection loses the lease with it
 * (PostgreSQL releases the lock), and another desktop's next {@link #hold} takes it over.
 */
public final class ClusterLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLease.class);

  /** First half of the advisory lock key: "EVMO". */
  static final int LOCK_CLASS = 0x45564d4f;

  private final Database database;
  private final String cluster;
  private Connection connection;
  private boolean held;

  /** The lease on {@code cluster}'s monitoring; not held until {@link #hold} says so. */
  public ClusterLease(Database database, String cluster) {
    this.database = Objects.requireNonNull(database, "database");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
  }

  /**
   * Takes the lease or keeps it: checks that its connection is alive (a dropped connection lost the
   * lease) and, when not held, tries the lock once without waiting.
   *
   * @return true while this process holds the lease; false when another desktop holds it or the
   *     database cannot be reached (the next call tries again)
   */
  public synchronized boolean hold() {
    try {
      if (connection != null && !connection.isValid(2)) {
        LOG.info("lock connection for {} dropped", cluster);
        release();
      }
      if (connection == null) {
        connection = database.openDedicatedConnection();
        held = false;
      }
      if (!held) {
        Boolean got =
            DSL.using(connection, SQLDialect.POSTGRES)
                .fetchValue(
                    DSL.field(
                        "pg_try_advisory_lock({0}, {1})",
                        Boolean.class, DSL.val(LOCK_CLASS), DSL.val(cluster.hashCode())));
        held = Boolean.TRUE.equals(got);
      }
      return held;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("cannot take the monitor lock for {}: {}", cluster, e.toString());
      release();
      return false;
    }
  }

  /** Whether the last {@link #hold} got the lease and it has not been released since. */
  public synchronized boolean isHeld() {
    return held;
  }

  /** Gives the lease up (closing its connection releases the lock); it can be taken again. */
  public synchronized void release() {
    held = false;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing the lock connection of {}", cluster, e);
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}
