package io.evalstation.slurm.ssh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's one registry of connections, one per cluster, shared by everything that talks
 * to that cluster (monitor, launcher, canceller, file collection, cluster status). A profile that
 * changed, or a connection someone closed, gets a fresh connection.
 */
public final class ClusterConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterConnections.class);

  private final SshOptions options;
  private final Map<String, ClusterConnection> open = new LinkedHashMap<>();

  /** Connections made with {@code options}. */
  public ClusterConnections(SshOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The shared connection for {@code profile} (not yet connected when new). */
  public synchronized ClusterConnection get(ClusterProfile profile) {
    ClusterConnection c = open.get(profile.name());
    if (c != null && (!c.profile().equals(profile) || c.isClosed())) {
      LOG.info(
          "profile of cluster {} changed or its connection was closed: a new one", profile.name());
      c.close();
      c = null;
    }
    if (c == null) {
      LOG.info("opening cluster {}", profile.name());
      c = new ClusterConnection(profile, options);
      open.put(profile.name(), c);
    }
    return c;
  }

  /** The names of the clusters with a connection object. */
  public synchronized List<String> names() {
    return List.copyOf(open.keySet());
  }

  /** Closes and forgets the connection of one cluster. */
  public synchronized void close(String clusterName) {
    ClusterConnection c = open.remove(clusterName);
    if (c != null) {
      c.close();
    }
  }

  /** Closes every connection. */
  @Override
  public synchronized void close() {
    open.values().forEach(ClusterConnection::close);
    open.clear();
  }
}
