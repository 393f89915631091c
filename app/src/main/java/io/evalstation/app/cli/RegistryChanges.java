package io.evalstation.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields a {@code models set} or {@code datasets set} was given (an empty value clears one).
 */
final class RegistryChanges {
  private final Map<String, String> values = new LinkedHashMap<>();

  /** Records a field when it was given. */
  RegistryChanges put(String field, String value) {
    if (value != null) {
      values.put(field, value);
    }
    return this;
  }

  /** Fails with a usage error when no field was given, naming the options that set one. */
  void requireAny(String options) {
    if (values.isEmpty()) {
      throw new CliException(ExitCodes.USAGE, "nothing to set: give " + options);
    }
  }

  Map<String, String> values() {
    return values;
  }
}
