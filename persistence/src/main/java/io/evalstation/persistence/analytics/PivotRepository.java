package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.COUNT;
import static io.evalstation.persistence.analytics.Evaluations.D;
import static io.evalstation.persistence.analytics.Evaluations.M;
import static io.evalstation.persistence.analytics.Evaluations.MEAN;
import static io.evalstation.persistence.analytics.Evaluations.STDDEV;
import static io.evalstation.persistence.analytics.Evaluations.TM;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;

import io.evalstation.model.MetricKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Models × datasets for one metric: the pivot table and the Compare view's heat map. */
public final class PivotRepository {
  private final DSLContext dsl;
  private final MetricResolver metrics;

  PivotRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.metrics = new MetricResolver(dsl);
  }

  /**
   * Mean ± stderr per cell (see {@link PivotCell#stderr}), the best mean per dataset column marked.
   * {@code minEvaluations} applies per cell.
   */
  public Pivot pivot(MetricSelector selector, ResultFilter filter) {
    MetricResolver.Resolved resolved = metrics.resolve(selector, filter);
    MetricKey key = resolved.key();
    boolean higher = resolved.higherIsBetter();
    Field<Double> reported = max(TM.STDERR).as("reported");
    record Raw(String model, String dataset, int n, double mean, Double stderr) {}
    List<Raw> raw =
        Evaluations.values(
                dsl.select(M.MODEL_NAME, D.DATASET_NAME, COUNT, MEAN, STDDEV, reported), key)
            .where(Evaluations.completed(filter))
            .groupBy(M.MODEL_NAME, D.DATASET_NAME)
            .having(count().ge(filter.minEvaluations()))
            .fetch(
                r -> {
                  int count = r.get(COUNT);
                  Double se =
                      count == 1
                          ? r.get(reported)
                          : r.get(STDDEV) == null ? null : r.get(STDDEV) / Math.sqrt(count);
                  return new Raw(
                      r.get(M.MODEL_NAME), r.get(D.DATASET_NAME), count, r.get(MEAN), se);
                });
    Map<String, Double> bestPerDataset = new HashMap<>();
    for (Raw c : raw) {
      bestPerDataset.merge(
          c.dataset(), c.mean(), (x, y) -> higher ? Math.max(x, y) : Math.min(x, y));
    }
    TreeSet<String> models = new TreeSet<>();
    TreeSet<String> datasets = new TreeSet<>();
    List<PivotCell> cells = new ArrayList<>(raw.size());
    for (Raw c : raw) {
      models.add(c.model());
      datasets.add(c.dataset());
      boolean best = sameValue(c.mean(), bestPerDataset.get(c.dataset()));
      cells.add(new PivotCell(c.model(), c.dataset(), c.n(), c.mean(), c.stderr(), best));
    }
    cells.sort(Comparator.comparing(PivotCell::model).thenComparing(PivotCell::dataset));
    return new Pivot(
        key, higher, filter, new ArrayList<>(models), new ArrayList<>(datasets), cells);
  }

  private static boolean sameValue(double x, double y) {
    return Math.abs(x - y) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
  }
}
