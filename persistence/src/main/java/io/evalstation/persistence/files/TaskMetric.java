package io.evalstation.persistence.files;

/**
 * One metric of a task under one filter, as a file gives it and as {@code task_metrics} stores it.
 *
 * @param metric the metric's name
 * @param filter the filter's name ({@code none} when the source has none)
 * @param value the value; null when the source has none or NaN
 * @param stderr the standard error; null when the source has none
 */
public record TaskMetric(String metric, String filter, Double value, Double stderr) {}
