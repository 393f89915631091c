package io.evalstation.app.service;

/**
 * Opens clusters by profile name: one {@link ClusterAccess} per cluster, opened on first use and
 * shared, closed when the application exits.
 */
@FunctionalInterface
public interface ClusterDirectory {
  /**
   * The cluster's access, opened on first use.
   *
   * @throws IllegalArgumentException when no profile has that name
   */
  ClusterAccess access(String cluster);
}
