package io.evalstation.persistence.importer;

import java.nio.file.Path;

/**
 * What {@link TaskOutputLoader#load} stored for one task.
 *
 * @param taskId the task
 * @param resultsFile the lm-eval results file read
 * @param harnessTask the lm-eval task name whose results were stored
 * @param metricsCount rows written to {@code task_metrics}
 * @param predictionsCount rows written to {@code predictions}
 * @param samplesProcessed samples the harness evaluated (its {@code n-samples} effective count,
 *     else the number of distinct documents), null when unknown
 */
public record LoadedOutput(
    long taskId,
    Path resultsFile,
    String harnessTask,
    int metricsCount,
    long predictionsCount,
    Integer samplesProcessed) {}
