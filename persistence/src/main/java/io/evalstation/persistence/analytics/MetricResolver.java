package io.evalstation.persistence.analytics;

import static io.evalstation.persistence.analytics.Evaluations.T;
import static io.evalstation.persistence.analytics.Evaluations.TM;
import static io.evalstation.persistence.jooq.Tables.METRIC_DEFINITIONS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import io.evalstation.model.MetricKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Resolves a metric as a researcher names it to the metric and filter stored, with its direction
 * (see ADR 0040): a named filter is taken as is (and must have values); a bare metric takes the
 * filter {@code none}, or the only filter recorded for it (among the evaluations the filter
 * selects, when the metric has several).
 */
final class MetricResolver {
  /**
   * A resolved metric.
   *
   * @param higherIsBetter from {@code metric_definitions}; unknown metrics count as higher-better
   */
  record Resolved(MetricKey key, boolean higherIsBetter) {}

  private final DSLContext dsl;

  MetricResolver(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * One round trip in the common case: the metric's filters over all tasks (an index-only scan of
   * (metric, filter)) together with its direction; the filter's scope is consulted only when the
   * metric has several filters and none is named.
   *
   * @throws IllegalArgumentException naming the metric and the filters (or metrics) there are
   */
  Resolved resolve(MetricSelector selector, ResultFilter filter) {
    Field<Boolean> hib =
        field(
                select(METRIC_DEFINITIONS.HIGHER_IS_BETTER)
                    .from(METRIC_DEFINITIONS)
                    .where(METRIC_DEFINITIONS.METRIC.eq(selector.metric())))
            .as("hib");
    List<String> filters = new ArrayList<>();
    boolean[] higher = {true};
    dsl.select(TM.FILTER, hib)
        .from(TM)
        .where(TM.METRIC.eq(selector.metric()))
        .groupBy(TM.FILTER)
        .orderBy(TM.FILTER)
        .forEach(
            r -> {
              filters.add(r.get(TM.FILTER));
              higher[0] = r.get(hib) == null || r.get(hib);
            });
    if (filters.isEmpty()) {
      List<String> known =
          dsl.selectDistinct(TM.METRIC).from(TM).orderBy(TM.METRIC).limit(50).fetch(TM.METRIC);
      throw new IllegalArgumentException(
          "no evaluation has metric '"
              + selector.metric()
              + "'; metrics recorded: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    if (selector.hasExplicitFilter()) {
      if (!filters.contains(selector.filter())) {
        throw new IllegalArgumentException(
            "metric '"
                + selector.metric()
                + "' has no values under filter '"
                + selector.filter()
                + "'; its filters: "
                + String.join(", ", filters));
      }
      return new Resolved(new MetricKey(selector.metric(), selector.filter()), higher[0]);
    }
    if (filters.contains(MetricKey.NO_FILTER)) {
      return new Resolved(MetricKey.of(selector.metric()), higher[0]);
    }
    if (filters.size() == 1) {
      return new Resolved(new MetricKey(selector.metric(), filters.get(0)), higher[0]);
    }
    List<String> scoped =
        Evaluations.from(dsl.selectDistinct(TM.FILTER))
            .join(TM)
            .on(TM.TASK_ID.eq(T.TASK_ID))
            .where(TM.METRIC.eq(selector.metric()))
            .and(Evaluations.completed(filter))
            .orderBy(TM.FILTER)
            .fetch(TM.FILTER);
    if (scoped.size() == 1) {
      return new Resolved(new MetricKey(selector.metric(), scoped.get(0)), higher[0]);
    }
    List<String> listed = scoped.isEmpty() ? filters : scoped;
    throw new IllegalArgumentException(
        "metric '"
            + selector.metric()
            + "' is recorded under several filters ("
            + String.join(", ", listed)
            + "); name one, e.g. --metric "
            + selector.metric()
            + ","
            + listed.get(0));
  }
}
