/**
 * Analytics over the evaluation database: {@link
 * io.evalstation.persistence.analytics.AnalyticsRepository} answers leaderboards, pivots (models ×
 * datasets), the cross-dataset comparison, best model per specialization, performance series,
 * trends, paired comparisons with McNemar's exact test and a paired bootstrap ({@link
 * io.evalstation.persistence.analytics.Statistics}), keyset-paged prediction pairs for the
 * Predictions view, and duration estimates. Results are records of this package. Metrics are named
 * with {@link io.evalstation.persistence.analytics.MetricSelector} and filtered with {@link
 * io.evalstation.persistence.analytics.ResultFilter}.
 */
package io.evalstation.persistence.analytics;
