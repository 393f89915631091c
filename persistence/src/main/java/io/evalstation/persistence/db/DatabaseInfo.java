package io.evalstation.persistence.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * What {@code evalstation db info} reports of a database: which it is, the server's version, the
 * schema's version and the rows of the main tables.
 *
 * @param description the database as the status bar names it
 * @param url its JDBC URL
 * @param embedded whether it is the embedded server
 * @param serverVersion PostgreSQL's {@code server_version}
 * @param schemaVersion the applied schema version, or null before the first migration
 * @param latestKnownVersion the newest schema version this Evalstation knows
 * @param rows rows per table of {@link #TABLES}, in that order; empty before the first migration
 */
public record DatabaseInfo(
    String description,
    String url,
    boolean embedded,
    String serverVersion,
    String schemaVersion,
    String latestKnownVersion,
    Map<String, Long> rows) {
  /** The tables whose rows are counted. */
  public static final List<String> TABLES =
      List.of(
          "evaluation_sessions",
          "evaluation_tasks",
          "models",
          "datasets",
          "evaluation_results",
          "task_metrics",
          "predictions",
          "performance_metrics");

  /** Reads the figures (one count per table: seconds on millions of predictions). */
  public static DatabaseInfo read(Database db) {
    String schema = db.schemaVersion().orElse(null);
    Map<String, Long> rows = new LinkedHashMap<>();
    if (schema != null) {
      for (String table : TABLES) {
        rows.put(table, (long) db.dsl().fetchCount(DSL.table(DSL.name(table))));
      }
    }
    return new DatabaseInfo(
        db.describe(),
        db.url(),
        db.isEmbedded(),
        String.valueOf(db.dsl().fetchValue("show server_version")),
        schema,
        db.latestKnownVersion(),
        rows);
  }
}
