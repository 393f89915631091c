package io.evalstation.persistence.export;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A report table as aligned plain text for the terminal (best values marked with {@code *}). */
public final class TextTable {
  private TextTable() {}

  /** Prints the table with a header and a rule. */
  public static void print(ReportTable table, PrintWriter out) {
    int n = table.columns().size();
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = table.columns().get(i).header();
    }
    lines.add(header);
    for (ReportRow row : table.rows()) {
      String[] cells = new String[n];
      for (int i = 0; i < n; i++) {
        ColumnKind kind = table.columns().get(i).kind();
        cells[i] = Formats.display(row.values().get(i), kind) + (row.isBold(i) ? " *" : "");
      }
      lines.add(cells);
    }
    int[] width = new int[n];
    for (String[] l : lines) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    for (int li = 0; li < lines.size(); li++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        ColumnKind kind = table.columns().get(i).kind();
        boolean right = kind != ColumnKind.TEXT && kind != ColumnKind.TIMESTAMP;
        String c = lines.get(li)[i];
        String pad = " ".repeat(width[i] - c.length());
        b.append(right && li > 0 ? pad + c : c + pad);
        if (i < n - 1) {
          b.append("  ");
        }
      }
      out.println(b.toString().stripTrailing());
      if (li == 0) {
        int total = 0;
        for (int w : width) {
          total += w + 2;
        }
        out.println("-".repeat(Math.max(0, total - 2)));
      }
    }
    out.flush();
  }
}
