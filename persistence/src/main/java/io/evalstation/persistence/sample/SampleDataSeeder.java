package io.evalstation.persistence.sample;

import static io.evalstation.persistence.jooq.Tables.APP_STATE;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;

import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.demo.ShippedSamples;
import io.evalstation.persistence.importer.ImportOptions;
import io.evalstation.persistence.importer.ImportOutcome;
import io.evalstation.persistence.importer.ImportReport;
import io.evalstation.persistence.importer.Importer;
import io.evalstation.persistence.importer.UnitReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the {@link ShippedSamples} into a brand-new embedded database, once in its life, so that
 * a new user opens the app onto something to explore.
 *
 * <p>"Once" is remembered in {@code app_state} under {@link #STATE_KEY}: the first start that finds
 * no record claims it ({@code importing}), imports, and records the outcome. A database that
 * already holds sessions when first asked is recorded as {@code skipped} and never seeded; a
 * database whose user deleted the samples is not seeded again. A start that crashed while importing
 * leaves {@code importing} behind and the next start finishes the job (the importer is idempotent).
 * A shared database is never seeded.
 */
public final class SampleDataSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(SampleDataSeeder.class);

  /** The {@code app_state} key. */
  public static final String STATE_KEY = "sample_data";

  private static final String IMPORTING = "importing";

  /** What {@link #seedIfNew} did. */
  public enum Outcome {
    /** The samples were imported now. */
    SEEDED,
    /** The samples were imported before (or skipped before): nothing done. */
    ALREADY_DONE,
    /** The database already held sessions: recorded, nothing imported. */
    SKIPPED_NOT_EMPTY,
    /** Not the embedded database: nothing done, nothing recorded. */
    SKIPPED_SHARED,
    /** The import failed; recorded, not retried. */
    FAILED
  }

  /**
   * The result.
   *
   * @param outcome what happened
   * @param sessions sessions imported now
   * @param predictions predictions imported now
   * @param detail a sentence for the log or the command line
   */
  public record Result(Outcome outcome, int sessions, long predictions, String detail) {}

  private final Database database;

  /** A seeder for {@code database}. */
  public SampleDataSeeder(Database database) {
    this.database = database;
  }

  /**
   * Seeds the database if it is embedded and was never seeded. Slow on first start (seconds): call
   * it off the UI thread.
   */
  public Result seedIfNew() {
    if (!database.isEmbedded()) {
      return new Result(
          Outcome.SKIPPED_SHARED, 0, 0, "shared database: sample data is never imported");
    }
    DSLContext dsl = database.dsl();
    Outcome claim =
        dsl.transactionResult(
            cfg -> {
              DSLContext tx = cfg.dsl();
              // Serialise two starts racing on the same database (the CLI and the app).
              tx.execute("select pg_advisory_xact_lock({0})", DSL.val(0x5EED_DA7AL));
              String state =
                  tx.select(APP_STATE.STATE_VALUE)
                      .from(APP_STATE)
                      .where(APP_STATE.STATE_KEY.eq(STATE_KEY))
                      .fetchOne(APP_STATE.STATE_VALUE);
              if (state != null && !state.startsWith(IMPORTING)) {
                return Outcome.ALREADY_DONE;
              }
              if (state == null && tx.fetchExists(EVALUATION_SESSIONS)) {
                record(tx, "skipped: the database already held sessions");
                return Outcome.SKIPPED_NOT_EMPTY;
              }
              record(tx, IMPORTING + " since " + OffsetDateTime.now());
              return Outcome.SEEDED;
            });
    if (claim == Outcome.ALREADY_DONE) {
      return new Result(claim, 0, 0, "sample data was imported before");
    }
    if (claim == Outcome.SKIPPED_NOT_EMPTY) {
      LOG.info("database already holds sessions: sample data not imported");
      return new Result(claim, 0, 0, "the database already holds sessions: no sample data");
    }
    return importSamples();
  }

  private Result importSamples() {
    Path dir;
    try {
      dir = Files.createTempDirectory("evalstation-samples");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the sample sessions", e);
    }
    try {
      ShippedSamples.extract(dir);
      ImportReport report =
          new Importer(database, new ImportOptions(ShippedSamples.CLUSTER_ZONE))
              .importPaths(List.of(dir));
      List<UnitReport> failed =
          report.units().stream().filter(u -> u.outcome() == ImportOutcome.FAILED).toList();
      int sessions =
          (int)
              report.units().stream()
                  .filter(u -> u.outcome() != ImportOutcome.FAILED && u.sessionId() != null)
                  .count();
      if (!failed.isEmpty() || report.cancelled()) {
        String why =
            failed.isEmpty()
                ? "cancelled"
                : failed.get(0).mainFile() + ": " + failed.get(0).reason();
        LOG.warn("sample data import failed for {} unit(s): {}", failed.size(), why);
        recordNow("failed: " + why);
        return new Result(Outcome.FAILED, sessions, report.predictions(), why);
      }
      String detail =
          "imported " + sessions + " sample sessions, " + report.predictions() + " predictions";
      recordNow(detail + " on " + OffsetDateTime.now());
      LOG.info(detail);
      return new Result(Outcome.SEEDED, sessions, report.predictions(), detail);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The recorded state, or null when the database was never asked. */
  public String state() {
    return database
        .dsl()
        .select(APP_STATE.STATE_VALUE)
        .from(APP_STATE)
        .where(APP_STATE.STATE_KEY.eq(STATE_KEY))
        .fetchOne(APP_STATE.STATE_VALUE);
  }

  private void recordNow(String value) {
    database.dsl().transaction(cfg -> record(cfg.dsl(), value));
  }

  private static void record(DSLContext tx, String value) {
    tx.insertInto(APP_STATE)
        .set(APP_STATE.STATE_KEY, STATE_KEY)
        .set(APP_STATE.STATE_VALUE, value)
        .onConflict(APP_STATE.STATE_KEY)
        .doUpdate()
        .set(APP_STATE.STATE_VALUE, value)
        .set(APP_STATE.UPDATED_AT, OffsetDateTime.now())
        .execute();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("could not delete the temporary sample folder {}", dir, e);
    }
  }
}
