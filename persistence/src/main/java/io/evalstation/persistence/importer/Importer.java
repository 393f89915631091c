package io.evalstation.persistence.importer;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;

import io.evalstation.model.DatasetInfo;
import io.evalstation.model.ModelInfo;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.files.ImportException;
import io.evalstation.persistence.files.JsonFiles;
import io.evalstation.persistence.files.lmeval.LmEvalResults;
import io.evalstation.persistence.files.lmeval.LmEvalSamples;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import io.evalstation.persistence.repo.RegistryRepository;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports legacy sessions and lm-evaluation-harness output from files and folders (searched
 * recursively, files recognised by content). Each unit — a session with its prediction files, or a
 * results file with its samples — is stored in one transaction: completely or not at all.
 *
 * <p>Idempotent and safe to run twice at once: a unit's identity (legacy: its {@code session_id}
 * and category; lm-eval: model, date id and task hashes) is locked with {@code
 * pg_advisory_xact_lock} inside the transaction; unchanged content (same SHA-256 over its files) is
 * reported {@link ImportOutcome#UNCHANGED}, changed content replaces the session's rows ({@link
 * ImportOutcome#REPLACED}).
 *
 * <p>Cancel by setting the {@code cancel} flag (or interrupting the thread): the unit being stored
 * is rolled back, the rest are reported {@link ImportOutcome#CANCELLED}.
 */
public final class Importer {
  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

  private final Database db;
  private final ImportOptions options;

  /** An importer writing to {@code db}. */
  public Importer(Database db, ImportOptions options) {
    this.db = db;
    this.options = options;
  }

  /** Imports without progress or cancellation. */
  public ImportReport importPaths(List<Path> paths) {
    return importPaths(paths, ImportListener.NONE, new AtomicBoolean());
  }

  /**
   * Imports files and folders.
   *
   * @param paths files or folders (searched recursively)
   * @param listener progress receiver (on this thread)
   * @param cancel set to true to cancel; the current unit rolls back
   * @return one report per unit; never throws for bad files (they are reported as failed)
   * @throws io.evalstation.persistence.db.DatabaseUnavailableException when the database is lost
   *     (the unit under way rolled back; the units before it stay imported)
   */
  public ImportReport importPaths(List<Path> paths, ImportListener listener, AtomicBoolean cancel) {
    ProgressTracker progress = new ProgressTracker(listener, cancel);
    List<UnitReport> reports = new ArrayList<>();
    List<FormatDetector.Sniff> sniffs = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path root : paths) {
      if (!Files.exists(root)) {
        reports.add(failed(List.of(root), SourceFormat.UNKNOWN, root + ": no such file or folder"));
        continue;
      }
      boolean explicit = Files.isRegularFile(root);
      for (Path f : files(root)) {
        if (!seen.add(f.toAbsolutePath().normalize())) {
          continue;
        }
        if (progress.isCancelled()) {
          break;
        }
        progress.startFile(f);
        FormatDetector.Sniff s = FormatDetector.sniffQuietly(f);
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean jsonName = name.endsWith(".json") || name.endsWith(".jsonl");
        if (!s.isJson() && s.error() == null && !explicit && !jsonName) {
          continue; // not JSON (a log, a README): not ours, found only by walking the folder
        }
        sniffs.add(s);
      }
    }
    List<UnitPlanner.Unit> units = UnitPlanner.plan(sniffs);
    progress.setTotals(
        units.stream().mapToInt(u -> u.files().size()).sum(),
        units.stream().mapToLong(UnitPlanner.Unit::bytes).sum());
    boolean cancelled = false;
    for (UnitPlanner.Unit u : units) {
      UnitReport r;
      if (cancelled || progress.isCancelled()) {
        cancelled = true;
        r =
            new UnitReport(
                u.files(),
                u.format(),
                null,
                null,
                ImportOutcome.CANCELLED,
                "cancelled before this unit",
                0,
                0);
        progress.filesDone(u.files().size(), u.bytes());
      } else {
        r = importUnit(u, progress);
        cancelled = r.outcome() == ImportOutcome.CANCELLED;
      }
      reports.add(r);
      progress.unitDone(r);
    }
    return new ImportReport(reports, cancelled);
  }

  private static List<Path> files(Path root) {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new ImportException(root, null, "cannot list folder: " + e.getMessage(), e);
    }
  }

  private static UnitReport failed(List<Path> files, SourceFormat f, String reason) {
    return new UnitReport(files, f, null, null, ImportOutcome.FAILED, reason, 0, 0);
  }

  /** The result of a unit's transaction. */
  private record Stored(
      ImportOutcome outcome, long sessionId, String key, int tasks, long predictions) {}

  private UnitReport importUnit(UnitPlanner.Unit u, ProgressTracker progress) {
    if (u.problem() != null) {
      progress.filesDone(u.files().size(), u.bytes());
      return failed(u.files(), u.format(), u.problem());
    }
    List<FormatDetector.Sniff> all = new ArrayList<>();
    all.add(u.mainSniff());
    all.addAll(u.members());
    for (FormatDetector.Sniff s : all) {
      if (s.error() != null) {
        progress.filesDone(u.files().size(), u.bytes());
        return failed(u.files(), u.format(), s.error().getMessage());
      }
    }
    long before = progress.predictions();
    long bytesBefore = progress.snapshot().bytesDone();
    try {
      Stored s = storeWithRetry(u, progress);
      long read = progress.snapshot().bytesDone() - bytesBefore;
      progress.filesDone(u.files().size(), Math.max(0, u.bytes() - read));
      return new UnitReport(
          u.files(),
          u.format(),
          s.key(),
          s.sessionId(),
          s.outcome(),
          s.outcome() == ImportOutcome.UNCHANGED ? "same content already stored" : null,
          s.tasks(),
          s.predictions());
    } catch (RuntimeException e) {
      // A lost database ends the whole import: every later unit would fail the same way, slowly.
      db.unavailable(e)
          .ifPresent(
              gone -> {
                throw gone;
              });
      progress.forgetPredictions(progress.predictions() - before);
      long read = progress.snapshot().bytesDone() - bytesBefore;
      progress.filesDone(u.files().size(), Math.max(0, u.bytes() - read));
      Throwable cause = unwrap(e);
      if (cause instanceof ImportCancelledException) {
        return new UnitReport(
            u.files(),
            u.format(),
            null,
            null,
            ImportOutcome.CANCELLED,
            "cancelled; rolled back",
            0,
            0);
      }
      String reason =
          cause instanceof ImportException ie
              ? ie.getMessage()
              : cause instanceof DataAccessException dae
                  ? u.main() + ": the database refused it: " + dae.getMessage()
                  : u.main() + ": " + cause;
      LOG.info("import failed: {}", reason);
      LOG.debug("import failure", e);
      return failed(u.files(), u.format(), reason);
    }
  }

  /**
   * Stores a unit in one transaction. Two importers that share models or datasets can deadlock on
   * the registry rows (PostgreSQL aborts one, SQLSTATE 40P01); the aborted unit is rolled back and
   * tried again, up to three times.
   */
  private Stored storeWithRetry(UnitPlanner.Unit u, ProgressTracker progress) {
    for (int attempt = 1; ; attempt++) {
      long before = progress.predictions();
      try {
        return db.dsl()
            .transactionResult(
                cfg ->
                    u.format() == SourceFormat.LEGACY_SESSION
                        ? storeLegacy(cfg.dsl(), u, progress)
                        : storeLmEval(cfg.dsl(), u, progress));
      } catch (DataAccessException e) {
        String state = e.sqlState();
        if (attempt >= 3 || state == null || !state.startsWith("40")) {
          throw e;
        }
        progress.forgetPredictions(progress.predictions() - before);
        LOG.info("{}: {} (SQLSTATE {}), trying again", u.main(), e.getMessage(), state);
      }
    }
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && !(t instanceof ImportException)
        && !(t instanceof ImportCancelledException)
        && (t instanceof DataAccessException
            || t instanceof RuntimeException && t.getClass().getName().startsWith("org.jooq"))) {
      Throwable c = t.getCause();
      if (c instanceof ImportException || c instanceof ImportCancelledException) {
        return c;
      }
      if (!(c instanceof RuntimeException)) {
        break;
      }
      t = c;
    }
    return t;
  }

  /** Locks the identity, decides unchanged / replaced / new; returns the session row or null. */
  private EvaluationSessionsRecord begin(DSLContext tx, String kind, String identity, String hash) {
    tx.select(
            DSL.field(
                "pg_advisory_xact_lock({0})",
                Object.class, DSL.val(Hashing.lockKey(kind + "\u0000" + identity))))
        .fetch();
    return tx.selectFrom(EVALUATION_SESSIONS)
        .where(
            EVALUATION_SESSIONS.SOURCE_KIND.eq(kind),
            EVALUATION_SESSIONS.SOURCE_IDENTITY.eq(identity))
        .fetchOne();
  }

  /** Inserts the session row under {@code baseKey}, suffixed -2, -3 … when taken by another. */
  private static long insertSession(
      DSLContext tx, String baseKey, String kind, String identity, String hash, String[] keyOut) {
    for (int i = 1; ; i++) {
      String key = i == 1 ? baseKey : baseKey + "-" + i;
      var r =
          tx.insertInto(EVALUATION_SESSIONS)
              .set(EVALUATION_SESSIONS.SESSION_KEY, key)
              .set(EVALUATION_SESSIONS.SOURCE_KIND, kind)
              .set(EVALUATION_SESSIONS.SOURCE_IDENTITY, identity)
              .set(EVALUATION_SESSIONS.CONTENT_HASH, hash)
              .set(EVALUATION_SESSIONS.STATUS, "running")
              .onConflict(EVALUATION_SESSIONS.SESSION_KEY)
              .doNothing()
              .returning(EVALUATION_SESSIONS.SESSION_ID)
              .fetchOne();
      if (r != null) {
        keyOut[0] = key;
        return r.getSessionId();
      }
    }
  }

  private InputStream open(Path f, MessageDigest md, ProgressTracker progress) throws IOException {
    return new DigestInputStream(
        progress.counting(new BufferedInputStream(Files.newInputStream(f), 1 << 16)), md);
  }

  private static void verify(FormatDetector.Sniff s, MessageDigest md) {
    String now = Hashing.hex(md.digest());
    if (!now.equals(s.sha256())) {
      throw new ImportException(
          s.file(), "the file changed while it was being imported; import it again");
    }
  }

  // ------------------------------------------------------------------ legacy

  private Stored storeLegacy(DSLContext tx, UnitPlanner.Unit u, ProgressTracker progress)
      throws IOException {
    FormatDetector.Sniff main = u.mainSniff();
    String sid =
        main.sessionId() != null
            ? main.sessionId()
            : main.file()
                .getFileName()
                .toString()
                .replaceFirst("^evaluation_session_", "")
                .replaceFirst("\\.json$", "");
    String identity = main.category() == null ? sid : sid + "|" + main.category();
    String hash = u.contentHash();
    EvaluationSessionsRecord existing = begin(tx, "legacy", identity, hash);
    if (existing != null && hash.equals(existing.getContentHash())) {
      return new Stored(
          ImportOutcome.UNCHANGED, existing.getSessionId(), existing.getSessionKey(), 0, 0);
    }
    String baseKey = sid;
    if (existing != null) {
      baseKey = existing.getSessionKey();
      existing.delete();
    }
    TaskRows.deferPredictionFk(tx);
    String[] key = new String[1];
    long sessionId = insertSession(tx, baseKey, "legacy", identity, hash, key);
    PGConnection pg = TaskRows.pg(tx);
    LegacySessionStore reader = new LegacySessionStore(tx, pg, options.zone(), progress, sessionId);
    progress.startFile(main.file());
    MessageDigest md = Hashing.sha256();
    try (InputStream in = open(main.file(), md, progress)) {
      reader.readSession(main.file(), in);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    verify(main, md);
    Path dir = main.file().toAbsolutePath().getParent();
    for (FormatDetector.Sniff m : u.members()) {
      progress.checkCancelled();
      progress.startFile(m.file());
      Long byRef = null;
      for (var e : reader.refs.entrySet()) {
        if (dir.resolve(e.getKey()).normalize().equals(m.file().toAbsolutePath().normalize())) {
          byRef = e.getValue();
        }
      }
      MessageDigest pmd = Hashing.sha256();
      try (InputStream in = open(m.file(), pmd, progress)) {
        reader.readPredictionsFile(m.file(), in, byRef, m.taskIndex());
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      verify(m, pmd);
    }
    for (String ref : reader.refs.keySet()) {
      Path f = dir.resolve(ref).normalize();
      boolean found =
          u.members().stream().anyMatch(m -> m.file().toAbsolutePath().normalize().equals(f));
      if (!found) {
        throw new ImportException(
            main.file(),
            "names predictions_file '"
                + ref
                + "', which is "
                + (Files.exists(f) ? "not a legacy predictions file" : "missing"));
      }
    }
    return new Stored(
        existing != null ? ImportOutcome.REPLACED : ImportOutcome.IMPORTED,
        sessionId,
        key[0],
        reader.tasks,
        reader.predictions);
  }

  // ------------------------------------------------------------------ lm-eval

  private Stored storeLmEval(DSLContext tx, UnitPlanner.Unit u, ProgressTracker progress)
      throws IOException {
    FormatDetector.Sniff main = u.mainSniff();
    progress.startFile(main.file());
    MessageDigest md = Hashing.sha256();
    LmEvalResults results;
    try (InputStream in = open(main.file(), md, progress)) {
      results = LmEvalResults.read(main.file(), in);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    verify(main, md);
    String model = results.modelName();
    Double date = results.date();
    String when =
        results.dateId() != null ? results.dateId() : date != null ? String.valueOf(date) : "";
    String taskHashes = results.taskHashes();
    String identity = model + "|" + when + "|" + taskHashes;
    if (when.isEmpty() && taskHashes.isEmpty()) {
      identity = model + "|" + main.sha256(); // 0.4.2 and older say nothing else about the run
    }
    String hash = u.contentHash();
    EvaluationSessionsRecord existing = begin(tx, "lm_eval", identity, hash);
    if (existing != null && hash.equals(existing.getContentHash())) {
      return new Stored(
          ImportOutcome.UNCHANGED, existing.getSessionId(), existing.getSessionKey(), 0, 0);
    }
    OffsetDateTime start =
        date == null ? null : Instant.ofEpochMilli((long) (date * 1000)).atOffset(ZoneOffset.UTC);
    Double secs = results.totalSeconds();
    OffsetDateTime end =
        start == null || secs == null ? null : start.plusNanos((long) (secs * 1e9));
    String baseKey =
        sanitize(model)
            + "_"
            + (results.dateId() != null
                ? results.dateId()
                : start != null
                    ? start.format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                    : main.sha256().substring(0, 12));
    if (existing != null) {
      baseKey = existing.getSessionKey();
      existing.delete();
    }
    TaskRows.deferPredictionFk(tx);
    String[] key = new String[1];
    long sessionId = insertSession(tx, baseKey, "lm_eval", identity, hash, key);
    var prov = results.provenance(main.sha256());
    var sources = prov.putArray("source_files");
    sources
        .addObject()
        .put("file", main.file().getFileName().toString())
        .put("sha256", main.sha256());
    u.members()
        .forEach(
            m ->
                sources
                    .addObject()
                    .put("file", m.file().getFileName().toString())
                    .put("sha256", m.sha256()));
    tx.update(EVALUATION_SESSIONS)
        .set(EVALUATION_SESSIONS.STATUS, "completed")
        .set(EVALUATION_SESSIONS.START_TIME, start)
        .set(EVALUATION_SESSIONS.END_TIME, end)
        .set(EVALUATION_SESSIONS.PROVENANCE, JsonSupport.jsonb(prov))
        .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
        .execute();
    RegistryRepository registry = new RegistryRepository(tx);
    String weights = results.modelArg("pretrained");
    long modelId =
        registry.upsertModel(new ModelInfo(model, null, null, null, results.backend(), weights));
    PGConnection pg = TaskRows.pg(tx);
    long predictions = 0;
    int index = 0;
    Set<Path> used = new HashSet<>();
    for (LmEvalResults.TaskResult t : results.tasks()) {
      progress.checkCancelled();
      index++;
      long datasetId =
          registry.upsertDataset(
              new DatasetInfo(t.name(), null, null, t.originalCount(), null, t.name()));
      var extra = JsonFiles.MAPPER.createObjectNode();
      if (t.raw().hasNonNull("alias")) {
        extra.set("alias", t.raw().get("alias"));
      }
      long taskId =
          tx.insertInto(EVALUATION_TASKS)
              .set(EVALUATION_TASKS.SESSION_ID, sessionId)
              .set(EVALUATION_TASKS.TASK_INDEX, index)
              .set(EVALUATION_TASKS.MODEL_ID, modelId)
              .set(EVALUATION_TASKS.DATASET_ID, datasetId)
              .set(EVALUATION_TASKS.STATUS, "completed")
              .set(EVALUATION_TASKS.START_TIME, start)
              .set(EVALUATION_TASKS.END_TIME, end)
              .set(EVALUATION_TASKS.SAMPLES_DONE, t.samplesProcessed())
              .set(EVALUATION_TASKS.SAMPLES_TOTAL, t.originalCount())
              .set(EVALUATION_TASKS.PROVENANCE, JsonSupport.jsonb(t.provenance()))
              .set(EVALUATION_TASKS.EXTRA, JsonSupport.jsonb(extra))
              .returning(EVALUATION_TASKS.TASK_ID)
              .fetchOne()
              .getTaskId();
      TaskRows.insertResult(tx, taskId, t.samplesProcessed(), JsonSupport.jsonb(t.raw()), null);
      TaskRows.insertMetrics(tx, taskId, t.metrics());
      for (Path samples : UnitPlanner.samplesFor(u, results, t.name())) {
        used.add(samples);
        FormatDetector.Sniff s =
            u.members().stream().filter(m -> m.file().equals(samples)).findFirst().orElseThrow();
        progress.startFile(samples);
        MessageDigest smd = Hashing.sha256();
        try (InputStream in = open(samples, smd, progress);
            PredictionCopy copy = new PredictionCopy(pg)) {
          LmEvalSamples.read(
              samples,
              in,
              p -> {
                copy.add(taskId, p);
                progress.prediction();
              });
          predictions += copy.finish();
          in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.sql.SQLException e) {
          throw new ImportException(samples, null, "cannot start COPY: " + e.getMessage(), e);
        }
        verify(s, smd);
      }
    }
    for (FormatDetector.Sniff m : u.members()) {
      if (!used.contains(m.file())) {
        throw new ImportException(
            m.file(),
            "samples of a task that " + main.file().getFileName() + " has no results for");
      }
    }
    return new Stored(
        existing != null ? ImportOutcome.REPLACED : ImportOutcome.IMPORTED,
        sessionId,
        key[0],
        results.tasks().size(),
        predictions);
  }

  static String sanitize(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]+", "_");
  }
}
