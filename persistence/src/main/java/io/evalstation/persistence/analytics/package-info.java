/**
 * Analytics over the evaluation database, one repository per question, reached through {@link
 * io.evalstation.persistence.analytics.Analytics}: picker choices, leaderboards, pivots (models ×
 * datasets), trends, paired comparisons with McNemar's exact test and a paired bootstrap ({@link
 * io.evalstation.persistence.analytics.Statistics}), keyset-paged prediction pairs for the
 * Predictions view, duration estimates and session exports. They all read one source, {@code
 * Evaluations}, which is also the one place a {@link
 * io.evalstation.persistence.analytics.ResultFilter} becomes SQL. Results are records of this
 * package. Metrics are named with {@link io.evalstation.persistence.analytics.MetricSelector}.
 */
package io.evalstation.persistence.analytics;
