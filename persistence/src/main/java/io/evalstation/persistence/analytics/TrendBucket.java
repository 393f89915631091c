package io.evalstation.persistence.analytics;

import java.time.Instant;

/**
 * Activity in one time bucket. Tasks fall into the bucket of their start time (the session's start,
 * then the task's creation, when the task has none).
 *
 * @param bucketStart start of the bucket (UTC)
 * @param sessions distinct sessions with a task in the bucket
 * @param tasks tasks in the bucket
 * @param completed completed tasks
 * @param failed failed tasks
 * @param successRate completed / (completed + failed); null when none finished
 * @param avgTaskSeconds mean duration of tasks with a start and an end; null when none
 * @param gpuHours sum of task duration × GPUs over tasks with a start and an end; the GPU count is
 *     the task's (else the session's) provenance {@code gpus}, 1 when absent
 * @param meanMetric mean of the chosen metric over the bucket's tasks that have it; null when none
 *     or no metric was chosen
 */
public record TrendBucket(
    Instant bucketStart,
    int sessions,
    int tasks,
    int completed,
    int failed,
    Double successRate,
    Double avgTaskSeconds,
    double gpuHours,
    Double meanMetric) {}
