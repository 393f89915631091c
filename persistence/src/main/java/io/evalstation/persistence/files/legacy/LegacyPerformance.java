package io.evalstation.persistence.files.legacy;

import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Objects;

/**
 * An element of {@code performance_metrics}.
 *
 * @param timestamp {@code timestamp}, when the sample was taken
 * @param taskIndex {@code task_index} of the task it belongs to; written when known
 * @param gpuIndex {@code gpu_index}; written when known
 * @param gpuUtilization {@code gpu_utilization}, percent; may be null
 * @param memoryUsage {@code memory_usage}, percent of GPU memory; may be null
 * @param memoryUsedMib {@code memory_used_mib}; written when known
 * @param throughput {@code throughput}, samples per second; may be null
 * @param nodeName {@code node_name}; may be null
 * @param extra further fields, in order; may be empty
 */
public record LegacyPerformance(
    Temporal timestamp,
    Integer taskIndex,
    Integer gpuIndex,
    Double gpuUtilization,
    Double memoryUsage,
    Double memoryUsedMib,
    Double throughput,
    String nodeName,
    Map<String, ?> extra) {
  public LegacyPerformance {
    Objects.requireNonNull(timestamp, "timestamp");
    extra = extra == null ? Map.of() : extra;
  }

  /** A sample with the fields the cluster pipeline wrote. */
  public static LegacyPerformance of(
      Temporal timestamp,
      Double gpuUtilization,
      Double memoryUsage,
      Double throughput,
      String nodeName) {
    return new LegacyPerformance(
        timestamp, null, null, gpuUtilization, memoryUsage, null, throughput, nodeName, Map.of());
  }
}
