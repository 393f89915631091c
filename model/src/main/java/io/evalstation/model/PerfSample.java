package io.evalstation.model;

import java.time.Instant;

/**
 * One performance sample of a running job: GPU utilisation, memory and throughput.
 *
 * @param recordedAt when it was taken
 * @param gpuIndex which GPU, null for a node-wide figure
 * @param gpuUtilization percent 0..100, null when unknown
 * @param memoryUsage percent of GPU memory in use, null when unknown
 * @param memoryUsedMib MiB of GPU memory in use, null when unknown
 * @param throughput samples per second, null when unknown
 * @param nodeName the node
 */
public record PerfSample(
    Instant recordedAt,
    Integer gpuIndex,
    Double gpuUtilization,
    Double memoryUsage,
    Double memoryUsedMib,
    Double throughput,
    String nodeName) {}
