package io.evalstation.persistence.export;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an export records about itself (the workbook's "About" sheet).
 *
 * @param query what was asked ("leaderboard of pass_at_1,none")
 * @param filters the filters, as text
 * @param database which database it was read from (no password)
 * @param exportedAt when
 * @param extra further lines, in order
 */
public record ExportInfo(
    String query, String filters, String database, Instant exportedAt, Map<String, String> extra) {
  public ExportInfo {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(exportedAt, "exportedAt");
    extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
  }

  /** The lines of the About sheet: name, value. */
  public Map<String, String> lines() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Query", query);
    m.put("Filters", filters == null ? "none" : filters);
    m.put("Database", database == null ? "unknown" : database);
    m.put("Exported at (UTC)", exportedAt.toString());
    m.put("Exported by", "Evalstation");
    m.putAll(extra);
    return m;
  }
}
