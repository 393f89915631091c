package io.evalstation.persistence.export;

import java.util.Objects;

/**
 * A column of a report table.
 *
 * @param header column header
 * @param kind how values are formatted
 */
public record ReportColumn(String header, ColumnKind kind) {
  public ReportColumn {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(kind, "kind");
  }
}
