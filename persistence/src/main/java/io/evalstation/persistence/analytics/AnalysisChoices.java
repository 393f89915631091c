package io.evalstation.persistence.analytics;

import java.util.List;

/**
 * What the analysis views offer in their pickers, read in one go: only values some evaluation task
 * has, so that no choice leads to an empty table.
 *
 * @param metrics the metrics recorded: bare ({@code exact_match}) when recorded without a filter,
 *     with it ({@code exact_match,strict-match}) otherwise
 * @param preferredMetric the metric to show first (the one most evaluations have), null when none
 * @param models models with at least one task
 * @param datasets datasets with at least one task
 * @param datasetCategories categories of those datasets
 * @param modelFamilies families of those models
 * @param specializations specializations of those models
 * @param presets presets tasks were run with
 */
public record AnalysisChoices(
    List<MetricSelector> metrics,
    MetricSelector preferredMetric,
    List<String> models,
    List<String> datasets,
    List<String> datasetCategories,
    List<String> modelFamilies,
    List<String> specializations,
    List<String> presets) {}
