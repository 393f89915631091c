package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The verbs of the registries ({@code models}, {@code datasets}): {@code list} prints the entries
 * its filters select, {@code set} changes fields of one entry (an empty value clears one). Each
 * registry says only its filters, its fields and how a row is printed.
 */
final class RegistryVerbs {
  private RegistryVerbs() {}

  /**
   * How a registry's entries print as a table.
   *
   * @param format the printf format of a line, header and rows alike
   * @param cells a row's cells, in the header's order
   */
  record Table<T>(String format, List<String> headers, Function<T, List<Object>> cells) {
    void print(PrintWriter out, List<T> rows, boolean json) {
      Listing.print(out, rows, json, format, headers, cells);
    }
  }

  /** {@code <registry> list [filters] [--json]}. */
  abstract static class ListVerb<T> extends DatabaseCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** The entries the filters select. */
    abstract List<T> list(AppContext ctx);

    abstract Table<T> table();

    @Override
    final int run(AppContext ctx, PrintWriter out) {
      table().print(out, list(ctx), json);
      return ExitCodes.OK;
    }
  }

  /** {@code <registry> set NAME --field value …}. */
  abstract static class SetVerb<T> extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The entry to change.")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    private final RegistryChanges changes = new RegistryChanges();

    /** Records the fields given; fails naming the options when none was. */
    abstract void given(RegistryChanges changes);

    abstract T update(AppContext ctx, String name, RegistryChanges changes);

    abstract Table<T> table();

    @Override
    final void checkOptions() {
      given(changes);
    }

    @Override
    final int run(AppContext ctx, PrintWriter out) {
      table().print(out, List.of(update(ctx, name, changes)), json);
      return ExitCodes.OK;
    }
  }
}
