package io.evalstation.persistence.analytics;

/**
 * One model × dataset cell of a pivot (and of the cross-dataset comparison).
 *
 * @param model model name
 * @param dataset dataset name
 * @param evaluations completed evaluations with a value
 * @param mean mean of the metric
 * @param stderr standard error of the cell: the harness's reported stderr for a single evaluation
 *     (null when the source has none), stddev / sqrt(n) for several
 * @param best whether this is the best mean in its dataset column (ties are all best)
 */
public record PivotCell(
    String model, String dataset, int evaluations, double mean, Double stderr, boolean best) {}
