package io.evalstation.app.cli;

import io.evalstation.persistence.analytics.ResultFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The filters every analytics verb takes (mixin). */
public final class AnalyticsFilterOptions {
  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      split = ",",
      description = "Only these datasets (repeat or comma-separate).")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--category",
      paramLabel = "CATEGORY",
      description = "Dataset category (coding, math, …).")
  String category;

  @Option(
      names = "--family",
      paramLabel = "FAMILY",
      description = "Model family (qwen3, llama3, …).")
  String family;

  @Option(
      names = "--specialization",
      paramLabel = "SPEC",
      description = "Model specialization (general, code, …).")
  String specialization;

  @Option(names = "--preset", paramLabel = "PRESET", description = "Preset name.")
  String preset;

  @Option(
      names = "--from",
      paramLabel = "WHEN",
      description =
          "Evaluations finished at or after (2025-09-01 = midnight UTC, or an ISO instant).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "WHEN",
      description = "Evaluations finished before (as --from).")
  String to;

  @Option(
      names = "--min-evaluations",
      paramLabel = "N",
      defaultValue = "1",
      description = "Leave out models (cells) with fewer evaluations (default ${DEFAULT-VALUE}).")
  int minEvaluations = 1;

  /** The filter these options describe. */
  public ResultFilter toFilter() {
    return new ResultFilter(
        datasets,
        category,
        family,
        specialization,
        preset,
        parseTime("--from", from),
        parseTime("--to", to),
        minEvaluations);
  }

  static Instant parseTime(String option, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " '"
              + text
              + "' is not a date (2025-09-01) or an instant (2025-09-01T08:00:00Z)");
    }
  }
}
