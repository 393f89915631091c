package io.evalstation.persistence.analytics;

import java.time.Instant;

/**
 * A task as a comparison names it.
 *
 * @param taskId task id
 * @param sessionKey the session's key
 * @param model model name
 * @param dataset dataset name
 * @param preset preset, may be null
 * @param sampleLimit sample limit, null for all
 * @param status task status name
 * @param endTime when it finished, may be null
 * @param samples number of samples: stored predictions (all filters) in a comparison, the result's
 *     samples processed in listings; 0 when unknown
 */
public record TaskRef(
    long taskId,
    String sessionKey,
    String model,
    String dataset,
    String preset,
    Integer sampleLimit,
    String status,
    Instant endTime,
    int samples) {}
