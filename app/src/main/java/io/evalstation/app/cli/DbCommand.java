package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.persistence.db.Database;
import io.evalstation.persistence.db.DatabaseInfo;
import io.evalstation.persistence.sample.SampleDataSeeder;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalstation db info|migrate}. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Which database Evalstation uses, and its schema.",
    subcommands = {DbCommand.Info.class, DbCommand.Migrate.class})
public final class DbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Database, schema version and row counts.")
  static final class Info implements Runnable {
    @Mixin DatabaseOptions db;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      // The embedded database is Evalstation's own: bring it up to date. A shared one is only read.
      try (AppContext ctx = AppContext.open(db.toOptions(), false)) {
        Database d = ctx.database();
        SampleDataSeeder.Result samples = null;
        if (d.isEmbedded()) {
          d.migrate();
          // A fresh user's first command: the embedded database gets the sample sessions once.
          samples = ctx.seedSampleDataIfNew();
        }
        DatabaseInfo facts = ctx.databaseInfo();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("database", facts.description());
        info.put("url", facts.url());
        info.put("embedded", facts.embedded());
        info.put("serverVersion", facts.serverVersion());
        info.put("schemaVersion", facts.schemaVersion());
        info.put("latestKnownVersion", facts.latestKnownVersion());
        Map<String, Long> counts = facts.rows();
        info.put("rows", counts);
        if (samples != null) {
          info.put(
              "sampleData",
              Map.of(
                  "outcome",
                  samples.outcome().name().toLowerCase(java.util.Locale.ROOT),
                  "detail",
                  samples.detail()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Json.print(out, info);
          return;
        }
        out.printf("database        %s%n", info.get("database"));
        out.printf("url             %s%n", info.get("url"));
        out.printf("server          PostgreSQL %s%n", info.get("serverVersion"));
        out.printf(
            "schema version  %s (this Evalstation knows up to %s)%n",
            info.get("schemaVersion") == null ? "none (not migrated)" : info.get("schemaVersion"),
            info.get("latestKnownVersion"));
        counts.forEach((t, n) -> out.printf("  %-22s %,d%n", t, n));
        if (samples != null && samples.outcome() == SampleDataSeeder.Outcome.SEEDED) {
          out.printf("sample data     %s%n", samples.detail());
        } else if (samples != null && samples.outcome() == SampleDataSeeder.Outcome.FAILED) {
          out.printf("sample data     not imported: %s%n", samples.detail());
        }
        out.flush();
      }
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Bring the schema up to date.")
  static final class Migrate implements Runnable {
    @Mixin DatabaseOptions db;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      try (AppContext ctx = AppContext.open(db.toOptions(), false)) {
        MigrateResult r = ctx.database().migrate();
        PrintWriter out = spec.commandLine().getOut();
        String version = ctx.database().schemaVersion().orElse("none");
        if (json) {
          Json.print(
              out, Map.of("migrationsExecuted", r.migrationsExecuted, "schemaVersion", version));
        } else {
          out.printf("%d migration(s) applied; schema version %s%n", r.migrationsExecuted, version);
          out.flush();
        }
      }
    }
  }
}
