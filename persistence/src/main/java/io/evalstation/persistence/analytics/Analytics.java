package io.evalstation.persistence.analytics;

import io.evalstation.persistence.db.Database;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The analytics of one database, one repository per question: picker choices, leaderboards, pivots,
 * trends, paired comparisons, prediction pairs, duration estimates and session exports. Every
 * aggregate is computed in PostgreSQL over the one source {@link Evaluations}; results are records
 * of this package. Thread-safe; every method of the repositories runs queries, so call them off the
 * FX thread.
 */
public final class Analytics {
  private final ChoiceRepository choices;
  private final LeaderboardRepository leaderboards;
  private final PivotRepository pivots;
  private final TrendRepository trends;
  private final ComparisonRepository comparisons;
  private final PredictionPairRepository predictionPairs;
  private final EstimateRepository estimates;
  private final SessionExportRepository sessionExports;

  /** The analytics of the database, on its pool. */
  public Analytics(Database db) {
    this(Objects.requireNonNull(db, "db").dsl());
  }

  /** The analytics on {@code dsl} (a transaction's, or one that records the statements run). */
  public Analytics(DSLContext dsl) {
    this.choices = new ChoiceRepository(dsl);
    this.leaderboards = new LeaderboardRepository(dsl);
    this.pivots = new PivotRepository(dsl);
    this.trends = new TrendRepository(dsl);
    this.comparisons = new ComparisonRepository(dsl);
    this.predictionPairs = new PredictionPairRepository(dsl);
    this.estimates = new EstimateRepository(dsl);
    this.sessionExports = new SessionExportRepository(dsl);
  }

  /** What the pickers offer. */
  public ChoiceRepository choices() {
    return choices;
  }

  /** Models ranked by a metric. */
  public LeaderboardRepository leaderboards() {
    return leaderboards;
  }

  /** Models × datasets for a metric. */
  public PivotRepository pivots() {
    return pivots;
  }

  /** Activity per hour, day or week. */
  public TrendRepository trends() {
    return trends;
  }

  /** Two runs compared sample by sample, and the runs there are to compare. */
  public ComparisonRepository comparisons() {
    return comparisons;
  }

  /** Two runs' predictions side by side, paged. */
  public PredictionPairRepository predictionPairs() {
    return predictionPairs;
  }

  /** How long runs should take, from history. */
  public EstimateRepository estimates() {
    return estimates;
  }

  /** A session's tasks and predictions for exports. */
  public SessionExportRepository sessionExports() {
    return sessionExports;
  }
}
