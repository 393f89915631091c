package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.DATASETS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;

import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.lmeval.LmEvalResults;
import io.evalstation.persistence.files.lmeval.LmEvalSamples;
import io.evalstation.persistence.repo.TaskLifecycleRepository;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the lm-evaluation-harness output of one launched task: its metrics ({@code
 * evaluation_results}, {@code task_metrics}) and per-sample predictions, replacing what the task
 * had, in one transaction together with the caller's own update (typically completing the task).
 *
 * <p>The output directory may hold any harness layout (0.4.2's {@code results.json} + per-task
 * arrays, or 0.4.3+'s {@code <model>/results_<date>.json} + {@code samples_<task>_<date>.jsonl}),
 * found recursively; with several runs, the newest results file is used.
 */
public final class TaskOutputLoader {
  private static final Logger LOG = LoggerFactory.getLogger(TaskOutputLoader.class);

  private final Database db;

  /** A loader writing to {@code db}. */
  public TaskOutputLoader(Database db) {
    this.db = db;
  }

  /**
   * The collector's unit of work: stores a launched task's harness output and completes the task,
   * in one transaction (see {@link #load} and {@link TaskLifecycleRepository#markCompleted(
   * DSLContext, long, int, Instant, Instant)}): either the task is completed with its results, or
   * nothing changed.
   *
   * @param expectedVersion the task's row version as the caller read it
   * @param startTime when the job started, if known; may be null
   * @param endTime when the job ended, if known; may be null (now)
   * @throws ImportException naming the file and reason when outputs are missing or unreadable
   * @throws io.evalstation.persistence.db.OptimisticLockException when the task moved meanwhile
   */
  public LoadedOutput loadAndComplete(
      long taskId, int expectedVersion, Path outputDir, Instant startTime, Instant endTime) {
    return load(
        taskId,
        outputDir,
        tx ->
            TaskLifecycleRepository.markCompleted(tx, taskId, expectedVersion, startTime, endTime));
  }

  /**
   * Reads the harness output under {@code outputDir} for the existing task {@code taskId}, stores
   * its results, metrics and predictions (replacing any), runs {@code inSameTransaction} in the
   * same transaction, and commits.
   *
   * @throws ImportException naming the file and reason when outputs are missing or unreadable;
   *     nothing is stored then (and the consumer's changes are rolled back too)
   */
  public LoadedOutput load(long taskId, Path outputDir, Consumer<DSLContext> inSameTransaction) {
    if (!Files.isDirectory(outputDir)) {
      throw new ImportException(outputDir, "output directory does not exist");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(outputDir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new ImportException(outputDir, null, "cannot list: " + e.getMessage(), e);
    }
    List<FormatDetector.Sniff> sniffs = new ArrayList<>();
    for (Path f : files) {
      FormatDetector.Sniff s = FormatDetector.sniffQuietly(f);
      if (s.format() != SourceFormat.UNKNOWN) {
        sniffs.add(s);
      }
    }
    List<UnitPlanner.Unit> units =
        UnitPlanner.plan(sniffs).stream()
            .filter(u -> u.format() == SourceFormat.LM_EVAL_RESULTS)
            .sorted(Comparator.comparing(u -> u.main().getFileName().toString()))
            .toList();
    if (units.isEmpty()) {
      throw new ImportException(
          outputDir, "no lm-eval results file (results.json or results_<date>.json) found");
    }
    UnitPlanner.Unit unit = units.get(units.size() - 1); // newest date id sorts last
    if (units.size() > 1) {
      LOG.info(
          "task {}: {} results files under {}, using {}",
          taskId,
          units.size(),
          outputDir,
          unit.main());
    }
    LmEvalResults results;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(unit.main()))) {
      DigestInputStream din = new DigestInputStream(in, Hashing.sha256());
      results = LmEvalResults.read(unit.main(), din);
    } catch (IOException e) {
      throw new ImportException(unit.main(), null, "cannot read: " + e.getMessage(), e);
    }
    return db.dsl()
        .transactionResult(
            cfg -> {
              DSLContext tx = cfg.dsl();
              Record2<String, String> ds =
                  tx.select(DATASETS.DATASET_NAME, DATASETS.HARNESS_TASK)
                      .from(EVALUATION_TASKS)
                      .join(DATASETS)
                      .on(DATASETS.DATASET_ID.eq(EVALUATION_TASKS.DATASET_ID))
                      .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
                      .fetchOne();
              if (ds == null) {
                throw new IllegalArgumentException("no task with id " + taskId);
              }
              LmEvalResults.TaskResult tr = pick(results, ds.value1(), ds.value2());
              TaskRows.deleteOutputs(tx, taskId);
              TaskRows.deferPredictionFk(tx);
              TaskRows.insertResult(
                  tx, taskId, tr.samplesProcessed(), JsonSupport.jsonb(tr.raw()), null);
              int metrics = TaskRows.insertMetrics(tx, taskId, tr.metrics());
              long predictions = 0;
              PGConnection pg = TaskRows.pg(tx);
              for (Path samples : UnitPlanner.samplesFor(unit, results, tr.name())) {
                predictions += copySamples(pg, samples, taskId);
              }
              var prov = tr.provenance().deepCopy();
              prov.set("run", results.provenance(null));
              tx.update(EVALUATION_TASKS)
                  .set(
                      EVALUATION_TASKS.PROVENANCE,
                      org.jooq.impl.DSL.field(
                          "{0} || {1}",
                          JSONB.class, EVALUATION_TASKS.PROVENANCE, JsonSupport.jsonb(prov)))
                  .where(EVALUATION_TASKS.TASK_ID.eq(taskId))
                  .execute();
              if (inSameTransaction != null) {
                inSameTransaction.accept(tx);
              }
              return new LoadedOutput(
                  taskId, unit.main(), tr.name(), metrics, predictions, tr.samplesProcessed());
            });
  }

  private static long copySamples(PGConnection pg, Path samples, long taskId) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(samples), 1 << 16);
        PredictionCopy copy = new PredictionCopy(pg)) {
      LmEvalSamples.read(samples, in, p -> copy.add(taskId, p));
      return copy.finish();
    } catch (IOException e) {
      throw new ImportException(samples, null, "cannot store samples: " + e.getMessage(), e);
    } catch (java.sql.SQLException e) {
      throw new ImportException(samples, null, "cannot start COPY: " + e.getMessage(), e);
    }
  }

  /** The results entry for the task's dataset: the only one, or the one named like it. */
  static LmEvalResults.TaskResult pick(LmEvalResults r, String dataset, String harnessTask) {
    if (r.tasks().size() == 1) {
      return r.tasks().get(0);
    }
    for (String name : new String[] {harnessTask, dataset}) {
      if (name == null) {
        continue;
      }
      for (LmEvalResults.TaskResult t : r.tasks()) {
        if (t.name().equals(name)) {
          return t;
        }
      }
    }
    throw new ImportException(
        r.file(),
        "holds results of "
            + r.tasks().stream().map(LmEvalResults.TaskResult::name).toList()
            + " and none is the task's dataset '"
            + dataset
            + "'"
            + (harnessTask == null ? "" : " (harness task '" + harnessTask + "')"));
  }
}
