package io.evalstation.persistence.analytics;

import java.time.Duration;

/**
 * How long a model × dataset × preset run should take, from completed runs' throughput.
 *
 * @param model model name
 * @param dataset dataset name
 * @param preset preset asked for (may be null)
 * @param presetMatched true when the estimate rests on runs with this preset; false when no such
 *     run existed and runs with any preset were used
 * @param runs number of completed runs it rests on
 * @param samplesPerSecond total samples / total seconds of those runs
 * @param samples samples the estimate is for
 * @param estimate samples / samplesPerSecond
 */
public record DurationEstimate(
    String model,
    String dataset,
    String preset,
    boolean presetMatched,
    int runs,
    double samplesPerSecond,
    int samples,
    Duration estimate) {}
