package io.evalstation.slurm.parse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the CSV of {@code nvidia-smi --query-gpu=timestamp,index,utilization.gpu,memory.used,
 * memory.total --format=csv -l N}: a header naming the columns (with units), then one line per GPU
 * per sample such as {@code 2024/05/01 12:00:00.123, 0, 87 %, 70000 MiB, 81559 MiB}.
 *
 * <p>The file is read incrementally, so a chunk may start after the header: pass the columns seen
 * so far ({@link #DEFAULT_COLUMNS} when the header was never seen). A header line repeated inside
 * the file (a restarted sampler) is recognised and skipped.
 */
public final class NvidiaSmiCsvParser {
  /** The columns the job templates ask for, in order. */
  public static final List<String> DEFAULT_COLUMNS =
      List.of("timestamp", "index", "utilization.gpu", "memory.used", "memory.total");

  /** The query the job templates run. */
  public static final String QUERY = String.join(",", DEFAULT_COLUMNS);

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss[.SSS]", Locale.ROOT);

  private NvidiaSmiCsvParser() {}

  /**
   * Parses complete lines. Timestamps are read in {@code zone} (the node's time zone; the templates
   * run the sampler with {@code TZ=UTC}). Lines that cannot be read are named.
   */
  public static List<GpuSample> parse(String text, ZoneId zone) {
    List<String> columns = DEFAULT_COLUMNS;
    List<GpuSample> out = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("timestamp") || line.startsWith("index")) {
        columns = new ArrayList<>();
        for (String h : line.split(",")) {
          String c = h.strip();
          int unit = c.indexOf(" [");
          columns.add(unit > 0 ? c.substring(0, unit) : c);
        }
        continue;
      }
      String[] f = line.split(",");
      if (f.length != columns.size()) {
        throw new IllegalArgumentException(
            "GPU sampler line "
                + (i + 1)
                + " has "
                + f.length
                + " fields, expected "
                + columns.size()
                + " ("
                + String.join(",", columns)
                + "): "
                + line);
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < f.length; c++) {
        row.put(columns.get(c), f[c].strip());
      }
      try {
        String ts = row.get("timestamp");
        Instant at = ts == null ? null : LocalDateTime.parse(ts, TS).atZone(zone).toInstant();
        String idx = row.get("index");
        out.add(
            new GpuSample(
                at,
                idx == null ? 0 : Integer.parseInt(idx),
                number(row.get("utilization.gpu")),
                number(row.get("memory.used")),
                number(row.get("memory.total"))));
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new IllegalArgumentException(
            "GPU sampler line " + (i + 1) + " cannot be read (" + e.getMessage() + "): " + line, e);
      }
    }
    return out;
  }

  private static Double number(String value) {
    if (value == null || value.isEmpty() || value.startsWith("[")) {
      return null; // [N/A], [Not Supported]
    }
    String v = value.replace("%", "").replace("MiB", "").replace("W", "").strip();
    return Double.parseDouble(v);
  }
}
