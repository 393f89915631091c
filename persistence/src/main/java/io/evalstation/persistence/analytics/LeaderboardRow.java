package io.evalstation.persistence.analytics;

/**
 * One model's line in a leaderboard.
 *
 * @param rank competition rank (ties share a rank: 1, 2, 2, 4)
 * @param model model name
 * @param family model family, may be null
 * @param specialization model specialization, may be null
 * @param evaluations number of completed evaluations (tasks) with a value
 * @param mean mean of the metric over those evaluations
 * @param stddev sample standard deviation; null for one evaluation
 * @param stderr standard error of the mean (stddev / sqrt(n)); null for one evaluation
 * @param ciLow lower bound of the 95% confidence interval of the mean (Student t); null for one
 *     evaluation
 * @param ciHigh upper bound of the 95% confidence interval; null for one evaluation
 * @param avgResponseTime mean seconds per sample (the result's average execution time, else the
 *     mean of the predictions' execution times); null when unknown
 */
public record LeaderboardRow(
    int rank,
    String model,
    String family,
    String specialization,
    int evaluations,
    double mean,
    Double stddev,
    Double stderr,
    Double ciLow,
    Double ciHigh,
    Double avgResponseTime) {}
