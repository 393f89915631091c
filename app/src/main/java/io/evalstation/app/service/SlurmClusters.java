package io.evalstation.app.service;

import io.evalstation.slurm.ssh.ClusterConnections;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.ssh.SshOptions;
import java.util.Objects;

/**
 * Opens clusters by profile name over {@code ssh-slurm}'s one connection registry ({@link
 * ClusterConnections}): a cluster's connection is made on first use and shared by everything that
 * talks to it; a profile that changed gets a fresh one. Closing this closes every connection.
 */
public final class SlurmClusters implements ClusterDirectory, AutoCloseable {
  private final ClusterProfiles profiles;
  private final ClusterConnections connections;

  public SlurmClusters(ClusterProfiles profiles, SshOptions options) {
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.connections = new ClusterConnections(options);
  }

  /** The profiles this directory opens. */
  public ClusterProfiles profiles() {
    return profiles;
  }

  @Override
  public SlurmClusterAccess access(String cluster) {
    return new SlurmClusterAccess(connections.get(profiles.get(cluster)));
  }

  @Override
  public void close() {
    connections.close();
  }
}
