package io.evalstation.persistence.analytics;

import java.time.Instant;

/**
 * One model's performance in one time bucket (the daily performance time series).
 *
 * @param bucketStart start of the bucket (UTC)
 * @param model model name
 * @param evaluations completed evaluations in the bucket
 * @param mean mean of the metric
 */
public record SeriesPoint(Instant bucketStart, String model, int evaluations, double mean) {}
