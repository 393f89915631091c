package io.evalstation.persistence.analytics;

/**
 * The best model of one specialization (ties give several).
 *
 * @param specialization model specialization ({@code unspecified} when the registry has none)
 * @param model model name
 * @param evaluations completed evaluations it rests on
 * @param mean mean of the metric
 */
public record SpecializationBest(
    String specialization, String model, int evaluations, double mean) {}
