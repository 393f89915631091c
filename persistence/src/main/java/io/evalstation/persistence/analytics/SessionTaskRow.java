package io.evalstation.persistence.analytics;

import java.time.Instant;

/**
 * One task of a session, for exports.
 *
 * @param taskId task id
 * @param index position in the session
 * @param model model name
 * @param dataset dataset name
 * @param preset preset, may be null
 * @param sampleLimit sample limit, may be null
 * @param status task status
 * @param startTime start, may be null
 * @param endTime end, may be null
 * @param durationSeconds end − start in seconds, null when either is missing
 * @param samplesProcessed samples the result counted, may be null
 * @param metrics the task's metrics as {@code metric,filter=value} joined by {@code "; "}
 * @param errorMessage error text, may be null
 */
public record SessionTaskRow(
    long taskId,
    int index,
    String model,
    String dataset,
    String preset,
    Integer sampleLimit,
    String status,
    Instant startTime,
    Instant endTime,
    Double durationSeconds,
    Integer samplesProcessed,
    String metrics,
    String errorMessage) {}
