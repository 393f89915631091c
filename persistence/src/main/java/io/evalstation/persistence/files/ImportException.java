package io.evalstation.persistence.files;

import java.nio.file.Path;

/**
 * A file could not be read or imported: names the file, where in it (line/column/byte, when known)
 * and why. The readers of this package throw it for input that is not what its format says; the
 * importer throws it too, and then nothing of the unit the file belongs to is stored.
 */
public class ImportException extends RuntimeException {
  private final transient Path file;
  private final String position;
  private final String reason;

  /** A failure at a position in a file ({@code position} may be null). */
  public ImportException(Path file, String position, String reason, Throwable cause) {
    super(format(file, position, reason), cause);
    this.file = file;
    this.position = position;
    this.reason = reason;
  }

  /** A failure of a whole file. */
  public ImportException(Path file, String reason) {
    this(file, null, reason, null);
  }

  private static String format(Path file, String position, String reason) {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "(no file)" : file.toString());
    if (position != null) {
      sb.append(" at ").append(position);
    }
    return sb.append(": ").append(reason).toString();
  }

  /** The file, or null when the failure is not about one file. */
  public Path file() {
    return file;
  }

  /** Where in the file, e.g. {@code line 3, column 17 (byte 812)}; null when not known. */
  public String position() {
    return position;
  }

  /** Why, in words. */
  public String reason() {
    return reason;
  }
}
