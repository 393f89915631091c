package io.evalstation.app.ui.analysis;

import io.evalstation.model.MetricKey;
import io.evalstation.persistence.analytics.AnalyticsRepository;
import io.evalstation.persistence.analytics.MetricSelector;
import io.evalstation.persistence.repo.FilterOptionsRepository;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What the analysis views read: the analytics queries, and the choices their pickers offer. Every
 * method runs queries; call it off the FX thread.
 */
public final class AnalysisData {
  /**
   * The pickers' choices, read in one go.
   *
   * @param preferredMetric the metric to show first (the one most evaluations have), null when none
   */
  public record Choices(
      List<MetricSelector> metrics,
      MetricSelector preferredMetric,
      List<String> models,
      List<String> datasets,
      List<String> datasetCategories,
      List<String> modelFamilies,
      List<String> specializations,
      List<String> presets) {}

  private final AnalyticsRepository analytics;
  private final FilterOptionsRepository options;

  public AnalysisData(DSLContext dsl) {
    this.analytics = new AnalyticsRepository(dsl);
    this.options = new FilterOptionsRepository(dsl);
  }

  public AnalyticsRepository analytics() {
    return analytics;
  }

  /** Every choice the pickers offer. */
  public Choices choices() {
    return new Choices(
        metrics(),
        options.mostUsedMetric().map(AnalysisData::selector).orElse(null),
        analytics.modelNames(),
        analytics.datasetNames(),
        options.datasetCategories(),
        options.modelFamilies(),
        options.specializations(),
        options.presets());
  }

  /**
   * The metrics recorded, as pickers show them: a metric recorded without a filter is named bare
   * ({@code exact_match}), one with a filter as {@code exact_match,strict-match}.
   */
  public List<MetricSelector> metrics() {
    return analytics.metrics().stream().map(AnalysisData::selector).distinct().toList();
  }

  private static MetricSelector selector(MetricKey k) {
    return k.filter().equals(MetricKey.NO_FILTER)
        ? new MetricSelector(k.metric(), null)
        : MetricSelector.of(k);
  }
}
