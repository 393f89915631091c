package io.evalstation.persistence.export;

import java.util.List;

/**
 * A table ready for any output format (terminal, CSV, LaTeX, Excel): the one shape every analytics
 * result is turned into by {@link Reports}.
 *
 * @param title sheet name / caption
 * @param columns the columns
 * @param rows the rows
 */
public record ReportTable(String title, List<ReportColumn> columns, List<ReportRow> rows) {
  public ReportTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).values().size() != columns.size()) {
        throw new IllegalArgumentException(
            "report "
                + title
                + ": row "
                + (i + 1)
                + " has "
                + rows.get(i).values().size()
                + " values for "
                + columns.size()
                + " columns");
      }
    }
  }
}
