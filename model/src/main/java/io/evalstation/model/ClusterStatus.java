package io.evalstation.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a cluster can offer right now, from {@code sinfo}, {@code scontrol show node} and {@code
 * squeue}.
 *
 * @param observedAt when the figures were read
 * @param nodesActive nodes that accept work (idle, mixed, allocated, completing)
 * @param nodesTotal all nodes
 * @param gpus GPUs by type
 * @param runningJobs jobs running on the cluster (all users)
 * @param pendingJobs jobs waiting (all users)
 * @param nextPendingStart SLURM's earliest estimated start of a pending job, null when unknown
 */
public record ClusterStatus(
    Instant observedAt,
    int nodesActive,
    int nodesTotal,
    List<GpuPool> gpus,
    int runningJobs,
    int pendingJobs,
    Instant nextPendingStart) {

  public ClusterStatus {
    Objects.requireNonNull(observedAt, "observedAt");
    if (nodesActive < 0 || nodesTotal < nodesActive) {
      throw new IllegalArgumentException(
          "active nodes " + nodesActive + " must be between 0 and total nodes " + nodesTotal);
    }
    gpus = List.copyOf(gpus);
    if (runningJobs < 0 || pendingJobs < 0) {
      throw new IllegalArgumentException(
          "job counts must not be negative: running " + runningJobs + ", pending " + pendingJobs);
    }
  }

  /** All GPUs of all types. */
  public int gpusTotal() {
    return gpus.stream().mapToInt(GpuPool::total).sum();
  }

  /** GPUs in use, all types. */
  public int gpusAllocated() {
    return gpus.stream().mapToInt(GpuPool::allocated).sum();
  }

  /** GPUs free on nodes that accept work, all types. */
  public int gpusFree() {
    return gpus.stream().mapToInt(GpuPool::free).sum();
  }

  /**
   * The GPUs of one type.
   *
   * @param type the GRES type ({@code h100}), or {@code gpu} when the cluster names none
   * @param total configured on all nodes
   * @param allocated in use by jobs
   * @param free idle on nodes that accept work
   */
  public record GpuPool(String type, int total, int allocated, int free) {
    public GpuPool {
      Objects.requireNonNull(type, "type");
      if (total < 0 || allocated < 0 || free < 0 || allocated + free > total) {
        throw new IllegalArgumentException(
            "GPU pool "
                + type
                + ": total "
                + total
                + ", allocated "
                + allocated
                + ", free "
                + free
                + " do not add up");
      }
    }
  }
}
