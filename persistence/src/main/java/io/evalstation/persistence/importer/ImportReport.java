package io.evalstation.persistence.importer;

import java.util.List;

/**
 * The outcome of an import: one {@link UnitReport} per unit, in the order they were processed.
 *
 * @param units per-unit outcomes
 * @param cancelled whether the import was cancelled before its end
 */
public record ImportReport(List<UnitReport> units, boolean cancelled) {
  public ImportReport {
    units = List.copyOf(units);
  }

  /** Number of units with this outcome. */
  public long count(ImportOutcome outcome) {
    return units.stream().filter(u -> u.outcome() == outcome).count();
  }

  /** True when any unit failed or the import was cancelled. */
  public boolean anyFailed() {
    return cancelled || count(ImportOutcome.FAILED) > 0 || count(ImportOutcome.CANCELLED) > 0;
  }

  /** Predictions stored in total. */
  public long predictions() {
    return units.stream().mapToLong(UnitReport::predictions).sum();
  }
}
