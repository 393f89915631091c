package io.evalstation.persistence.importer;

/** One prediction as the importers write it to COPY; JSON columns hold JSON text. */
record PredictionRow(
    long taskId,
    int sampleId,
    String filter,
    String promptHash,
    String docHash,
    String prompt,
    String prediction,
    String filteredPrediction,
    String groundTruth,
    Boolean correct,
    Double executionTime,
    String sampleMetricsJson,
    String extraJson) {}
