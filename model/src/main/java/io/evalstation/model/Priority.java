package io.evalstation.model;

import java.util.Locale;

/** A task's scheduling priority, mapped to SLURM's {@code --nice} by the job template. */
public enum Priority {
  LOW,
  NORMAL,
  HIGH;

  /** The value stored in the database. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code low}, {@code normal} or {@code high}, in any case. */
  public static Priority parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "priority '" + value + "' is not one of low, normal, high", e);
    }
  }
}
