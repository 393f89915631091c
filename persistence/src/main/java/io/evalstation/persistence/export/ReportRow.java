package io.evalstation.persistence.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A row of a report table. Values are {@code String}, {@code Number}, {@code Boolean}, {@code
 * java.time.Instant}, {@link MeanStderr} or null (empty).
 *
 * @param values one value per column
 * @param bold indexes of the columns shown in bold (the best value)
 */
public record ReportRow(List<Object> values, Set<Integer> bold) {
  public ReportRow {
    values = Collections.unmodifiableList(new ArrayList<>(values));
    bold = Set.copyOf(bold);
  }

  /** A row with nothing bold. */
  public static ReportRow of(Object... values) {
    List<Object> list = new ArrayList<>(values.length);
    Collections.addAll(list, values);
    return new ReportRow(list, Set.of());
  }

  /** Whether column {@code i} is bold. */
  public boolean isBold(int i) {
    return bold.contains(i);
  }
}
