package io.evalstation.persistence.analytics;

import io.evalstation.model.MetricKey;
import java.util.List;
import java.util.Optional;

/**
 * Models × datasets for one metric: mean ± stderr per cell, best per dataset column marked.
 *
 * @param metric the metric and filter
 * @param higherIsBetter direction of "best"
 * @param filter the filters it was computed under
 * @param models row labels, sorted by name
 * @param datasets column labels, sorted by name
 * @param cells the cells that have values
 */
public record Pivot(
    MetricKey metric,
    boolean higherIsBetter,
    ResultFilter filter,
    List<String> models,
    List<String> datasets,
    List<PivotCell> cells) {
  public Pivot {
    models = List.copyOf(models);
    datasets = List.copyOf(datasets);
    cells = List.copyOf(cells);
  }

  /** The cell of a model and dataset, when it has a value. */
  public Optional<PivotCell> cell(String model, String dataset) {
    return cells.stream()
        .filter(c -> c.model().equals(model) && c.dataset().equals(dataset))
        .findFirst();
  }
}
