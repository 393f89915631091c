package io.evalstation.persistence.files.legacy;

import java.time.temporal.Temporal;
import java.util.Map;

/**
 * The session-level fields of a legacy session file (see {@link LegacyFormat}). Times are written
 * and read as {@link LegacyTimes} says: zone-less, with an offset, or unix seconds.
 *
 * @param sessionId {@code session_id}, e.g. {@code 20250919_042241}; its {@link
 *     LegacyFormat#fileStamp stamp} names the files (may be null when read, not when written)
 * @param category {@code category}; may be null
 * @param cluster {@code cluster}, the cluster profile's name; may be null
 * @param startTime {@code start_time}; may be null
 * @param endTime {@code end_time}; null for a session that never finished (then not written)
 * @param status {@code status}: {@code completed}, {@code failed}, {@code running}…; may be null
 *     when read
 * @param slurmJobId {@code slurm_job_id}; may be null
 * @param nodeName {@code node_name}; may be null
 * @param gpuType {@code gpu_type}, e.g. {@code H100}; may be null
 * @param totalTasks {@code total_tasks}; may be null
 * @param successCount {@code success_count}; may be null
 * @param provenance {@code provenance}, written when not empty; may be null
 * @param models the {@code models} map in order; null leaves the map out (older sessions)
 * @param datasets the {@code datasets} map in order; null leaves the map out
 * @param extra further session fields, in order; may be empty
 */
public record LegacySession(
    String sessionId,
    String category,
    String cluster,
    Temporal startTime,
    Temporal endTime,
    String status,
    Long slurmJobId,
    String nodeName,
    String gpuType,
    Integer totalTasks,
    Integer successCount,
    Map<String, ?> provenance,
    Map<String, LegacyModel> models,
    Map<String, LegacyDataset> datasets,
    Map<String, ?> extra) {
  public LegacySession {
    provenance = provenance == null ? Map.of() : provenance;
    extra = extra == null ? Map.of() : extra;
  }
}
