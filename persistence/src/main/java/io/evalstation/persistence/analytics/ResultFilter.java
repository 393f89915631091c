package io.evalstation.persistence.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Which evaluations an analytics query looks at. Null (or empty) fields do not filter. The time
 * window applies to a task's end time (its start time, then its creation time, when it has none);
 * {@code from} is inclusive, {@code to} exclusive. Only completed tasks count as evaluations.
 *
 * @param datasets dataset names; empty for all
 * @param datasetCategory dataset category ({@code coding}, {@code math}, …)
 * @param modelFamily model family ({@code qwen3}, …)
 * @param specialization model specialization ({@code code}, {@code general}, …)
 * @param preset preset name
 * @param from start of the time window, inclusive
 * @param to end of the time window, exclusive
 * @param minEvaluations groups with fewer evaluations are left out (at least 1)
 */
public record ResultFilter(
    List<String> datasets,
    String datasetCategory,
    String modelFamily,
    String specialization,
    String preset,
    Instant from,
    Instant to,
    int minEvaluations) {

  public ResultFilter {
    datasets = datasets == null ? List.of() : List.copyOf(datasets);
    datasetCategory = blankToNull(datasetCategory);
    modelFamily = blankToNull(modelFamily);
    specialization = blankToNull(specialization);
    preset = blankToNull(preset);
    if (minEvaluations < 1) {
      throw new IllegalArgumentException(
          "minimum evaluations " + minEvaluations + " is below 1 (expected 1 or more)");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("time window from " + from + " is not before to " + to);
    }
  }

  /** Everything. */
  public static ResultFilter all() {
    return new ResultFilter(List.of(), null, null, null, null, null, null, 1);
  }

  public ResultFilter withDatasets(List<String> names) {
    return new ResultFilter(
        names, datasetCategory, modelFamily, specialization, preset, from, to, minEvaluations);
  }

  public ResultFilter withDatasets(String... names) {
    return withDatasets(List.of(names));
  }

  public ResultFilter withDatasetCategory(String category) {
    return new ResultFilter(
        datasets, category, modelFamily, specialization, preset, from, to, minEvaluations);
  }

  public ResultFilter withModelFamily(String family) {
    return new ResultFilter(
        datasets, datasetCategory, family, specialization, preset, from, to, minEvaluations);
  }

  public ResultFilter withSpecialization(String spec) {
    return new ResultFilter(
        datasets, datasetCategory, modelFamily, spec, preset, from, to, minEvaluations);
  }

  public ResultFilter withPreset(String p) {
    return new ResultFilter(
        datasets, datasetCategory, modelFamily, specialization, p, from, to, minEvaluations);
  }

  public ResultFilter withWindow(Instant start, Instant end) {
    return new ResultFilter(
        datasets, datasetCategory, modelFamily, specialization, preset, start, end, minEvaluations);
  }

  public ResultFilter withMinEvaluations(int min) {
    return new ResultFilter(
        datasets, datasetCategory, modelFamily, specialization, preset, from, to, min);
  }

  /** A one-line description for export metadata ("dataset=humaneval, preset=balanced"). */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (!datasets.isEmpty()) {
      append(b, "datasets", String.join("|", datasets));
    }
    append(b, "dataset category", datasetCategory);
    append(b, "model family", modelFamily);
    append(b, "specialization", specialization);
    append(b, "preset", preset);
    append(b, "from", from == null ? null : from.toString());
    append(b, "to", to == null ? null : to.toString());
    if (minEvaluations > 1) {
      append(b, "min evaluations", Integer.toString(minEvaluations));
    }
    return b.length() == 0 ? "none" : b.toString();
  }

  private static void append(StringBuilder b, String name, String value) {
    if (value == null) {
      return;
    }
    if (b.length() > 0) {
      b.append(", ");
    }
    b.append(name).append('=').append(value);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
