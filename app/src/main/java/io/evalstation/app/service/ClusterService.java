package io.evalstation.app.service;

import io.evalstation.model.ClusterStatus;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.ssh.ClusterProfiles;
import java.util.List;
import java.util.Objects;

/**
 * Cluster profiles (add, list) and what a cluster offers now ({@code sinfo}, {@code scontrol show
 * node}, {@code squeue} in one round trip).
 */
public final class ClusterService {
  private final ClusterProfiles profiles;
  private final SlurmClusters clusters;

  public ClusterService(ClusterProfiles profiles, SlurmClusters clusters) {
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.clusters = Objects.requireNonNull(clusters, "clusters");
  }

  /** All profiles, by name. */
  public List<ClusterProfile> list() {
    return profiles.list();
  }

  /**
   * Saves a profile and, when {@code connect} is true, connects once, so that an unknown host key
   * is shown and accepted (or refused) now rather than at the first launch.
   */
  public ClusterProfile add(ClusterProfile profile, boolean connect) {
    profiles.save(profile);
    if (connect) {
      clusters.access(profile.name()).slurm().connection().connect();
    }
    return profile;
  }

  /** Nodes, GPUs by type, running and pending jobs, the next estimated start. */
  public ClusterStatus status(String cluster) {
    return clusters.access(cluster).slurm().status();
  }
}
