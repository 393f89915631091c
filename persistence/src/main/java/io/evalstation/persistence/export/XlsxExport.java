package io.evalstation.persistence.export;

import io.evalstation.persistence.analytics.PredictionRow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An Excel workbook for a paper, written with POI's streaming SXSSF: only a window of rows is in
 * memory, so a sheet of a million predictions needs a few MB of heap. Each sheet has a bold, frozen
 * header row, an autofilter, number formats (metrics 0.0000, counts #,##0, rates 0.0%, times
 * yyyy-mm-dd hh:mm:ss UTC) and widths from the header and the first rows. Best values are bold.
 * {@link #writeTo} adds the "About" sheet (query, filters, database, time) and moves the finished
 * file into place atomically.
 *
 * <pre>{@code
 * try (XlsxExport x = new XlsxExport(info)) {
 *   x.table(Reports.leaderboard(lb)).table(Reports.pivot(p));
 *   x.predictions("Predictions", sink -> analytics.forEachSessionPrediction(id, sink));
 *   x.writeTo(path);
 * }
 * }</pre>
 */
public final class XlsxExport implements AutoCloseable {
  /** Excel's limit on a cell's text. */
  public static final int MAX_CELL_CHARS = 32_767;

  /** Rows per sheet including the header (Excel's limit). */
  static final int MAX_ROWS = 1_048_576;

  private static final int WINDOW = 200;
  private static final int WIDTH_SAMPLE_ROWS = 200;
  private static final int MAX_WIDTH_CHARS = 60;

  private final ExportInfo info;
  private final SXSSFWorkbook wb;
  private final CellStyle header;
  private final Map<ColumnKind, CellStyle> plain = new EnumMap<>(ColumnKind.class);
  private final Map<ColumnKind, CellStyle> bold = new EnumMap<>(ColumnKind.class);
  private final Map<String, Integer> sheetNames = new HashMap<>();

  public XlsxExport(ExportInfo info) {
    this.info = info;
    this.wb = new SXSSFWorkbook(WINDOW);
    wb.setCompressTempFiles(false);
    DataFormat df = wb.createDataFormat();
    Font boldFont = wb.createFont();
    boldFont.setBold(true);
    header = wb.createCellStyle();
    header.setFont(boldFont);
    header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
    header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    for (ColumnKind k : ColumnKind.values()) {
      for (boolean b : new boolean[] {false, true}) {
        CellStyle s = wb.createCellStyle();
        String fmt =
            switch (k) {
              case INTEGER -> "#,##0";
              case DECIMAL -> "0.0000";
              case PERCENT -> "0.0%";
              case TIMESTAMP -> "yyyy-mm-dd hh:mm:ss";
              default -> null;
            };
        if (fmt != null) {
          s.setDataFormat(df.getFormat(fmt));
        }
        if (k == ColumnKind.MEAN_STDERR) {
          s.setAlignment(HorizontalAlignment.RIGHT);
        }
        if (b) {
          s.setFont(boldFont);
          bold.put(k, s);
        } else {
          plain.put(k, s);
        }
      }
    }
  }

  /** Adds a sheet holding the table. */
  public XlsxExport table(ReportTable table) {
    SXSSFSheet sheet = wb.createSheet(uniqueSheetName(table.title()));
    List<ReportColumn> cols = table.columns();
    int[] widths = headerRow(sheet, cols.stream().map(ReportColumn::header).toList());
    int r = 1;
    for (ReportRow row : table.rows()) {
      Row xr = sheet.createRow(r);
      for (int i = 0; i < cols.size(); i++) {
        ColumnKind kind = cols.get(i).kind();
        Object v = row.values().get(i);
        if (v == null) {
          continue;
        }
        Cell c = xr.createCell(i);
        c.setCellStyle(row.isBold(i) ? bold.get(kind) : plain.get(kind));
        setValue(c, v);
        if (r <= WIDTH_SAMPLE_ROWS) {
          widths[i] = Math.max(widths[i], Formats.display(v, kind).length());
        }
      }
      r++;
    }
    finishSheet(sheet, cols.size(), r - 1, widths);
    return this;
  }

  /**
   * Adds predictions streamed from {@code source} (which hands every row to the sink it is given);
   * continues on "name (2)" … past Excel's row limit. Texts longer than Excel allows are cut and
   * marked.
   *
   * @return the number of rows written
   */
  public long predictions(String name, Consumer<Consumer<PredictionRow>> source) {
    List<String> headers =
        List.of(
            "Task",
            "Model",
            "Dataset",
            "Sample",
            "Filter",
            "Correct",
            "Time (s)",
            "Prediction",
            "Ground truth",
            "Prompt hash");
    ColumnKind[] kinds = {
      ColumnKind.INTEGER,
      ColumnKind.TEXT,
      ColumnKind.TEXT,
      ColumnKind.INTEGER,
      ColumnKind.TEXT,
      ColumnKind.TEXT,
      ColumnKind.DECIMAL,
      ColumnKind.TEXT,
      ColumnKind.TEXT,
      ColumnKind.TEXT
    };
    long[] total = {0};
    Object[] state = new Object[3]; // sheet, next row index, widths
    Runnable newSheet =
        () -> {
          int part = state[0] == null ? 1 : sheetNames.getOrDefault("#" + name, 1) + 1;
          sheetNames.put("#" + name, part);
          SXSSFSheet s =
              wb.createSheet(uniqueSheetName(part == 1 ? name : name + " (" + part + ")"));
          state[0] = s;
          state[1] = 1;
          state[2] = headerRow(s, headers);
        };
    newSheet.run();
    source.accept(
        p -> {
          int r = (int) state[1];
          if (r >= MAX_ROWS) {
            finishSheet((SXSSFSheet) state[0], headers.size(), r - 1, (int[]) state[2]);
            newSheet.run();
            r = 1;
          }
          SXSSFSheet s = (SXSSFSheet) state[0];
          int[] widths = (int[]) state[2];
          Row xr = s.createRow(r);
          Object[] values = {
            p.taskIndex(),
            p.model(),
            p.dataset(),
            p.sampleId(),
            p.filter(),
            p.correct(),
            p.executionTime(),
            p.prediction(),
            p.groundTruth(),
            p.promptHash()
          };
          for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
              continue;
            }
            Cell c = xr.createCell(i);
            c.setCellStyle(plain.get(kinds[i]));
            setValue(c, v);
            if (r <= WIDTH_SAMPLE_ROWS) {
              widths[i] = Math.max(widths[i], Formats.display(v, kinds[i]).length());
            }
          }
          state[1] = r + 1;
          total[0]++;
        });
    finishSheet((SXSSFSheet) state[0], headers.size(), (int) state[1] - 1, (int[]) state[2]);
    return total[0];
  }

  /** Adds the About sheet and writes the workbook to {@code file} atomically. */
  public void writeTo(Path file) throws IOException {
    SXSSFSheet about = wb.createSheet(uniqueSheetName("About"));
    int[] widths = headerRow(about, List.of("Item", "Value"));
    int r = 1;
    for (Map.Entry<String, String> e : info.lines().entrySet()) {
      Row row = about.createRow(r++);
      row.createCell(0).setCellValue(e.getKey());
      row.createCell(1).setCellValue(cut(e.getValue()));
      widths[0] = Math.max(widths[0], e.getKey().length());
      widths[1] = Math.max(widths[1], e.getValue() == null ? 0 : e.getValue().length());
    }
    finishSheet(about, 2, r - 1, widths);
    AtomicFiles.write(file, wb::write);
  }

  private int[] headerRow(SXSSFSheet sheet, List<String> headers) {
    Row row = sheet.createRow(0);
    int[] widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      Cell c = row.createCell(i);
      c.setCellValue(headers.get(i));
      c.setCellStyle(header);
      widths[i] = headers.get(i).length() + 3; // room for the filter button
    }
    sheet.createFreezePane(0, 1);
    return widths;
  }

  private static void finishSheet(SXSSFSheet sheet, int columns, int lastRow, int[] widths) {
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, lastRow), 0, columns - 1));
    for (int i = 0; i < columns; i++) {
      int chars = Math.min(MAX_WIDTH_CHARS, Math.max(6, widths[i] + 1));
      sheet.setColumnWidth(i, chars * 256);
    }
  }

  private static void setValue(Cell c, Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        c.setCellValue(Double.toString(d));
      } else {
        c.setCellValue(d);
      }
    } else if (v instanceof Boolean b) {
      c.setCellValue(b);
    } else if (v instanceof Instant i) {
      c.setCellValue(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    } else if (v instanceof MeanStderr m) {
      c.setCellValue(Formats.meanStderr(m, 4, " ± "));
    } else {
      c.setCellValue(cut(v.toString()));
    }
  }

  private static String cut(String s) {
    if (s == null || s.length() <= MAX_CELL_CHARS) {
      return s;
    }
    String mark = " …[cut at Excel's cell limit]";
    return s.substring(0, MAX_CELL_CHARS - mark.length()) + mark;
  }

  /** Excel sheet names: at most 31 characters, none of []:*?/\ , unique. */
  private String uniqueSheetName(String wanted) {
    String base = wanted.replaceAll("[\\[\\]:*?/\\\\]", "_");
    if (base.isBlank()) {
      base = "Sheet";
    }
    base = base.length() > 31 ? base.substring(0, 31) : base;
    String name = base;
    int n = 2;
    while (wb.getSheet(name) != null) {
      String suffix = " " + n++;
      name =
          (base.length() + suffix.length() > 31 ? base.substring(0, 31 - suffix.length()) : base)
              + suffix;
    }
    return name;
  }

  /** Deletes SXSSF's temporary files. */
  @Override
  public void close() throws IOException {
    try {
      wb.dispose();
    } finally {
      wb.close();
    }
  }
}
