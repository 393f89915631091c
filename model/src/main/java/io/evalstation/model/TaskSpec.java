package io.evalstation.model;

import java.util.Objects;

/**
 * One cell of a launch grid: which model on which dataset, with which preset and sample limit.
 *
 * @param model the model's registry name
 * @param dataset the dataset's registry name
 * @param preset the preset's name ({@code fast}, {@code balanced}, …)
 * @param sampleLimit how many samples to evaluate, or {@code null} for all
 * @param priority scheduling priority
 */
public record TaskSpec(
    String model, String dataset, String preset, Integer sampleLimit, Priority priority) {

  public TaskSpec {
    Names.requireName("model", model);
    Names.requireName("dataset", dataset);
    Names.requireName("preset", preset);
    if (sampleLimit != null && sampleLimit < 1) {
      throw new IllegalArgumentException(
          "sample limit " + sampleLimit + " is not a positive number");
    }
    Objects.requireNonNull(priority, "priority");
  }
}
