package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.EVALUATION_SESSIONS;
import static io.evalstation.persistence.jooq.Tables.EVALUATION_TASKS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.max;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evalstation.model.EvaluationSession;
import io.evalstation.model.SessionStatus;
import io.evalstation.model.SessionSummary;
import io.evalstation.model.SourceKind;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.jooq.tables.records.EvaluationSessionsRecord;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** Reads sessions, their task counts and provenance. Returns {@code model} records. */
public final class SessionRepository {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final DSLContext dsl;

  /** Reads on the database's pool. */
  public SessionRepository(Database db) {
    this(db.dsl());
  }

  /** Reads on {@code dsl}. */
  public SessionRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** All sessions, newest first, with counts of their tasks. */
  public List<SessionSummary> listSummaries() {
    return summaries(DSL.noCondition(), Integer.MAX_VALUE);
  }

  /** The newest {@code limit} sessions with their task counts. */
  public List<SessionSummary> recentSummaries(int limit) {
    return summaries(DSL.noCondition(), limit);
  }

  /** One session's summary. */
  public Optional<SessionSummary> summary(long sessionId) {
    return summaries(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId), 1).stream().findFirst();
  }

  /** A session by id. */
  public Optional<EvaluationSession> find(long sessionId) {
    return dsl.selectFrom(EVALUATION_SESSIONS)
        .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
        .fetchOptional()
        .map(SessionRepository::toSession);
  }

  /** A session by its key, or by its numeric id given as text. */
  public Optional<EvaluationSession> findByKeyOrId(String keyOrId) {
    Optional<EvaluationSession> byKey =
        dsl.selectFrom(EVALUATION_SESSIONS)
            .where(EVALUATION_SESSIONS.SESSION_KEY.eq(keyOrId))
            .fetchOptional()
            .map(SessionRepository::toSession);
    if (byKey.isPresent() || !keyOrId.chars().allMatch(Character::isDigit) || keyOrId.isEmpty()) {
      return byKey;
    }
    return find(Long.parseLong(keyOrId));
  }

  /** The session's provenance JSON, pretty-printed; empty when there is none. */
  public String provenance(long sessionId) {
    return dsl.select(EVALUATION_SESSIONS.PROVENANCE)
        .from(EVALUATION_SESSIONS)
        .where(EVALUATION_SESSIONS.SESSION_ID.eq(sessionId))
        .fetchOptional(r -> provenanceText(r.value1()))
        .orElse("");
  }

  /** A stored provenance document as indented JSON text (as stored when it is not JSON). */
  static String provenanceText(JSONB json) {
    if (json == null || json.data() == null) {
      return "";
    }
    try {
      return JSON.writeValueAsString(JSON.readTree(json.data()));
    } catch (IOException e) {
      return json.data();
    }
  }

  private List<SessionSummary> summaries(org.jooq.Condition condition, int limit) {
    var t = EVALUATION_TASKS;
    Field<Integer> total = count(t.TASK_ID).as("total");
    Field<Integer> completed =
        count(t.TASK_ID).filterWhere(t.STATUS.eq("completed")).as("completed");
    Field<Integer> failed = count(t.TASK_ID).filterWhere(t.STATUS.eq("failed")).as("failed");
    Field<Integer> running = count(t.TASK_ID).filterWhere(t.STATUS.eq("running")).as("running");
    Field<OffsetDateTime> lastChange =
        greatest(max(EVALUATION_SESSIONS.UPDATED_AT), max(t.UPDATED_AT)).as("last_change");
    return dsl.select(EVALUATION_SESSIONS.fields())
        .select(total, completed, failed, running, lastChange)
        .from(EVALUATION_SESSIONS)
        .leftJoin(t)
        .on(t.SESSION_ID.eq(EVALUATION_SESSIONS.SESSION_ID))
        .where(condition)
        .groupBy(EVALUATION_SESSIONS.SESSION_ID)
        .orderBy(
            DSL.coalesce(EVALUATION_SESSIONS.START_TIME, EVALUATION_SESSIONS.CREATED_AT).desc(),
            EVALUATION_SESSIONS.SESSION_ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new SessionSummary(
                    toSession(r.into(EVALUATION_SESSIONS)),
                    r.get(total),
                    r.get(completed),
                    r.get(failed),
                    r.get(running),
                    TaskRecords.instant(r.get(lastChange))));
  }

  /** Maps a stored session row to the model record. */
  public static EvaluationSession toSession(EvaluationSessionsRecord r) {
    return new EvaluationSession(
        r.getSessionId(),
        r.getSessionKey(),
        SourceKind.parse(r.getSourceKind()),
        r.getCategory(),
        SessionStatus.parse(r.getStatus()),
        r.getOwner(),
        r.getCluster(),
        TaskRecords.instant(r.getStartTime()),
        TaskRecords.instant(r.getEndTime()),
        r.getRowVersion());
  }
}
