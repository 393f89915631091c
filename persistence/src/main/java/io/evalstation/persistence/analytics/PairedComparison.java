package io.evalstation.persistence.analytics;

import java.util.List;

/**
 * Two tasks compared sample by sample. "Fixed" means wrong in A and right in B, "regressed" right
 * in A and wrong in B; B is the newer or challenger run. Only aligned samples with a known
 * correctness on both sides enter the counts and statistics.
 *
 * @param a the baseline task
 * @param b the task compared against it
 * @param filter the prediction filter compared ({@code none} for legacy)
 * @param alignment how samples were paired
 * @param aligned samples present in both (with or without known correctness)
 * @param onlyInA samples of A (under the filter) with no partner in B
 * @param onlyInB samples of B with no partner in A
 * @param unknown aligned samples where either side's correctness is unknown
 * @param bothCorrect right in both
 * @param fixed wrong in A, right in B
 * @param regressed right in A, wrong in B
 * @param bothWrong wrong in both
 * @param accuracyA A's accuracy over the counted pairs; NaN when none
 * @param accuracyB B's accuracy over the counted pairs; NaN when none
 * @param difference accuracyB − accuracyA = (fixed − regressed) / n
 * @param mcnemarP McNemar's exact test p-value (two-sided binomial on the discordant pairs)
 * @param bootstrap paired bootstrap percentile interval of the difference; null when no pairs
 * @param bootstrapReplicates number of bootstrap replicates
 * @param bootstrapSeed the seed, for reproducing the interval
 * @param warnings why the two may not be comparable (different sample limit, n-shot, prompts,
 *     harness version, preset, dataset); empty when none
 */
public record PairedComparison(
    TaskRef a,
    TaskRef b,
    String filter,
    Alignment alignment,
    int aligned,
    int onlyInA,
    int onlyInB,
    int unknown,
    int bothCorrect,
    int fixed,
    int regressed,
    int bothWrong,
    double accuracyA,
    double accuracyB,
    double difference,
    double mcnemarP,
    ConfidenceInterval bootstrap,
    int bootstrapReplicates,
    long bootstrapSeed,
    List<String> warnings) {
  public PairedComparison {
    warnings = List.copyOf(warnings);
  }

  /** Pairs with known correctness on both sides. */
  public int counted() {
    return bothCorrect + fixed + regressed + bothWrong;
  }
}
