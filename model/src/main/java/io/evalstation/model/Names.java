package io.evalstation.model;

import java.util.regex.Pattern;

/**
 * Rules for the names that travel to a cluster (models, datasets, presets, clusters): they end up
 * in file names and job names, so only a safe alphabet is accepted.
 */
public final class Names {
  /** Letters, digits and {@code . _ - / :}, starting with a letter or digit; at most 200. */
  public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:+=-]{0,199}");

  private Names() {}

  /**
   * Returns {@code value} when it is a safe name, else throws an exception that names the field,
   * the value and what was expected.
   */
  public static String requireName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (!SAFE_NAME.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException(
          field
              + " '"
              + value
              + "' may only hold letters, digits and . _ - / : + = (starting with a letter or digit, at most 200)");
    }
    return value;
  }

  /** True when {@code value} passes {@link #requireName}. */
  public static boolean isSafe(String value) {
    return value != null && SAFE_NAME.matcher(value).matches() && !value.contains("..");
  }
}
