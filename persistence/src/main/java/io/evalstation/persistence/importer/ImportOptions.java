package io.evalstation.persistence.importer;

import java.time.ZoneId;

/**
 * Settings of an import.
 *
 * @param zone the zone of zone-less legacy times (the cluster's local time)
 */
public record ImportOptions(ZoneId zone) {
  public ImportOptions {
    if (zone == null) {
      throw new IllegalArgumentException("import zone is missing");
    }
  }

  /** Zone-less times in this machine's zone. */
  public static ImportOptions defaults() {
    return new ImportOptions(ZoneId.systemDefault());
  }
}
