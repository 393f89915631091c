package io.evalstation.slurm;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quoting for values that reach a remote POSIX shell. A value in single quotes is taken literally
 * by the shell; a single quote inside is written as {@code '\''}.
 */
public final class ShellQuote {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

  /** Paths Evalstation writes to on a cluster: relative or absolute, a safe alphabet, no "..". */
  public static final Pattern SAFE_PATH =
      Pattern.compile("/?[A-Za-z0-9_.+=:@-]+(/[A-Za-z0-9_.+=:@-]+)*/?");

  private ShellQuote() {}

  /** The value as one shell word that the shell will not expand or split. */
  public static String quote(String value) {
    if (value == null) {
      throw new IllegalArgumentException("cannot quote a missing value");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "value holds a NUL character: " + value.replace('\0', '?'));
    }
    if (!value.isEmpty() && PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Each value quoted, joined by spaces. */
  public static String join(List<String> words) {
    return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  /**
   * Returns {@code path} when it is a safe remote path (a safe alphabet, no {@code ..}, no {@code
   * ~}), else throws naming {@code field} and the value.
   */
  public static String requirePath(String field, String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (!SAFE_PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
      throw new IllegalArgumentException(
          field
              + " '"
              + path
              + "' must be a path of letters, digits and _ . + = : @ - separated by /, without ..");
    }
    return path;
  }
}
