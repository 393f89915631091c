package io.evalstation.app.service;

import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterProfiles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one {@link SlurmClusterAccess} per cluster profile on first use and shares it; closing this
 * closes every connection it opened.
 */
public final class SlurmClusters implements ClusterDirectory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlurmClusters.class);

  private final ClusterProfiles profiles;
  private final ClusterConnection.Options options;
  private final Map<String, SlurmClusterAccess> open = new LinkedHashMap<>();

  public SlurmClusters(ClusterProfiles profiles, ClusterConnection.Options options) {
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The profiles this directory opens. */
  public ClusterProfiles profiles() {
    return profiles;
  }

  @Override
  public synchronized SlurmClusterAccess access(String cluster) {
    return open.computeIfAbsent(
        cluster,
        name -> {
          LOG.info("opening cluster {}", name);
          return new SlurmClusterAccess(new ClusterConnection(profiles.get(name), options));
        });
  }

  @Override
  public synchronized void close() {
    open.values().forEach(SlurmClusterAccess::close);
    open.clear();
  }
}
