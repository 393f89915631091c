package io.evalstation.slurm.parse;

import java.time.Instant;

/**
 * One line of the GPU sampler's CSV.
 *
 * @param timestamp when nvidia-smi took it
 * @param index the GPU index on the node
 * @param utilizationPercent 0..100, null when not reported
 * @param memoryUsedMib MiB in use, null when not reported
 * @param memoryTotalMib MiB on the card, null when not reported
 */
public record GpuSample(
    Instant timestamp,
    int index,
    Double utilizationPercent,
    Double memoryUsedMib,
    Double memoryTotalMib) {

  /** Memory in use as a percentage, null when unknown. */
  public Double memoryPercent() {
    if (memoryUsedMib == null || memoryTotalMib == null || memoryTotalMib <= 0) {
      return null;
    }
    return 100.0 * memoryUsedMib / memoryTotalMib;
  }
}
