package io.evalstation.persistence.files;

/**
 * Whether written JSON is indented (as Python's {@code json.dump(indent=2)} wrote it) or compact.
 */
public enum JsonLayout {
  /** Two-space indentation, one field per line. */
  PRETTY,
  /** No whitespace; smallest files. */
  COMPACT
}
