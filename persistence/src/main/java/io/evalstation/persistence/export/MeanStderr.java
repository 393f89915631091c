package io.evalstation.persistence.export;

/**
 * A mean with its standard error, as a pivot cell shows it.
 *
 * @param mean the mean
 * @param stderr its standard error, null when unknown (then only the mean is shown)
 */
public record MeanStderr(double mean, Double stderr) {}
