package io.evalstation.persistence.repo;

import static io.evalstation.persistence.jooq.Tables.PERFORMANCE_METRICS;

import io.evalstation.persistence.db.Database;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The performance curves the dashboard and the session detail chart: GPU utilisation, memory and
 * throughput the cluster monitor stored, over the last minutes of a session or of everything. (One
 * task's own samples are {@link TaskRepository#perfSamples}.)
 */
public final class PerformanceRepository {
  private final DSLContext dsl;

  /** Reads on the database's pool. */
  public PerformanceRepository(Database db) {
    this.dsl = Objects.requireNonNull(db, "db").dsl();
  }

  /**
   * One point of a performance chart: averages over the GPUs at that instant.
   *
   * @param gpuUtilization mean GPU utilisation in percent, or null
   * @param memoryUsage mean GPU memory use in percent, or null
   * @param throughput summed throughput in samples per second, or null
   */
  public record PerfPoint(
      Instant at, Double gpuUtilization, Double memoryUsage, Double throughput) {}

  /**
   * Performance over {@code minutes} minutes, averaged over GPUs per instant; for one session, or
   * all (sessionId null). The window ends now, or at the last sample when nothing is recent, so a
   * finished session still shows its curves.
   */
  public List<PerfPoint> recent(Long sessionId, int minutes) {
    var p = PERFORMANCE_METRICS;
    var where = sessionId == null ? DSL.noCondition() : p.SESSION_ID.eq(sessionId);
    OffsetDateTime last =
        dsl.select(DSL.max(p.RECORDED_AT)).from(p).where(where).fetchOne().value1();
    if (last == null) {
      return List.of();
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime end = last.isAfter(now.minusMinutes(minutes)) ? now : last;
    OffsetDateTime start = end.minusMinutes(minutes);
    return dsl.select(
            p.RECORDED_AT,
            DSL.avg(p.GPU_UTILIZATION),
            DSL.avg(p.MEMORY_USAGE),
            DSL.sum(p.THROUGHPUT))
        .from(p)
        .where(where.and(p.RECORDED_AT.between(start, end)))
        .groupBy(p.RECORDED_AT)
        .orderBy(p.RECORDED_AT)
        .fetch(
            r ->
                new PerfPoint(
                    r.value1().toInstant(),
                    r.value2() == null ? null : r.value2().doubleValue(),
                    r.value3() == null ? null : r.value3().doubleValue(),
                    r.value4() == null ? null : r.value4().doubleValue()));
  }
}
