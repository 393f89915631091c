package io.evalstation.persistence.importer;

import io.evalstation.persistence.files.legacy.LegacyFormat;
import io.evalstation.persistence.files.lmeval.LmEvalFormat;
import io.evalstation.persistence.files.lmeval.LmEvalResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups recognised files into import units: a legacy session with its prediction files (same
 * session id in the same folder, or named by the session's {@code predictions_file} references); an
 * lm-eval results file with its samples files (same date id in the same folder; for 0.4.2's {@code
 * results.json}, the sample arrays beside it). Files that belong to nothing are units of their own
 * that fail with a reason.
 */
final class UnitPlanner {

  /** One unit: {@code main} and its member files. */
  record Unit(
      SourceFormat format,
      FormatDetector.Sniff mainSniff,
      List<FormatDetector.Sniff> members,
      String problem) {
    Path main() {
      return mainSniff.file();
    }

    List<Path> files() {
      List<Path> out = new ArrayList<>();
      out.add(mainSniff.file());
      members.forEach(m -> out.add(m.file()));
      return out;
    }

    long bytes() {
      return mainSniff.size() + members.stream().mapToLong(FormatDetector.Sniff::size).sum();
    }

    /** SHA-256 over the files' hashes in order: the unit's content hash. */
    String contentHash() {
      StringBuilder sb = new StringBuilder(mainSniff.sha256());
      members.forEach(
          m -> sb.append('\n').append(m.file().getFileName()).append(' ').append(m.sha256()));
      return members.isEmpty() ? mainSniff.sha256() : Hashing.sha256(sb.toString());
    }
  }

  private UnitPlanner() {}

  static List<Unit> plan(List<FormatDetector.Sniff> sniffs) {
    List<Unit> units = new ArrayList<>();
    Set<Path> claimed = new HashSet<>();
    List<FormatDetector.Sniff> preds =
        sniffs.stream().filter(s -> s.format() == SourceFormat.LEGACY_PREDICTIONS).toList();
    List<FormatDetector.Sniff> samples =
        sniffs.stream()
            .filter(
                s ->
                    s.format() == SourceFormat.LM_EVAL_SAMPLES_JSONL
                        || s.format() == SourceFormat.LM_EVAL_SAMPLES_ARRAY)
            .toList();
    for (FormatDetector.Sniff s : sniffs) {
      if (s.format() != SourceFormat.LEGACY_SESSION) {
        continue;
      }
      Path dir = s.file().toAbsolutePath().getParent();
      String sid =
          s.sessionId() != null
              ? s.sessionId()
              : LegacyFormat.stampOfSessionFile(s.file().getFileName().toString());
      Set<Path> refs = new HashSet<>();
      for (String r : s.predictionRefs()) {
        refs.add(dir.resolve(r).normalize());
      }
      List<FormatDetector.Sniff> members = new ArrayList<>();
      for (FormatDetector.Sniff p : preds) {
        Path abs = p.file().toAbsolutePath().normalize();
        boolean sameDir = abs.getParent().equals(dir);
        String pid =
            p.sessionId() != null
                ? p.sessionId()
                : LegacyFormat.stampOfPredictionsFile(p.file().getFileName().toString());
        if (refs.contains(abs) || (sameDir && sid != null && sid.equals(pid))) {
          if (claimed.add(abs)) {
            members.add(p);
          }
        }
      }
      members.sort(Comparator.comparing(m -> m.file().getFileName().toString()));
      units.add(new Unit(SourceFormat.LEGACY_SESSION, s, members, null));
    }
    for (FormatDetector.Sniff s : sniffs) {
      if (s.format() != SourceFormat.LM_EVAL_RESULTS) {
        continue;
      }
      Path dir = s.file().toAbsolutePath().getParent();
      String dateId = LmEvalFormat.dateIdOf(s.file().getFileName().toString());
      List<FormatDetector.Sniff> members = new ArrayList<>();
      for (FormatDetector.Sniff m : samples) {
        Path abs = m.file().toAbsolutePath().normalize();
        if (!abs.getParent().equals(dir)) {
          continue;
        }
        String name = m.file().getFileName().toString();
        boolean match =
            dateId != null
                ? LmEvalFormat.isSamplesFileOf(name, dateId)
                : m.format() == SourceFormat.LM_EVAL_SAMPLES_ARRAY
                    || !LmEvalFormat.isDatedSamplesFile(name);
        if (match && claimed.add(abs)) {
          members.add(m);
        }
      }
      members.sort(Comparator.comparing(m -> m.file().getFileName().toString()));
      units.add(new Unit(SourceFormat.LM_EVAL_RESULTS, s, members, null));
    }
    for (FormatDetector.Sniff s : sniffs) {
      Path abs = s.file().toAbsolutePath().normalize();
      switch (s.format()) {
        case LEGACY_PREDICTIONS -> {
          if (!claimed.contains(abs)) {
            units.add(
                new Unit(
                    s.format(),
                    s,
                    List.of(),
                    "predictions file without its session file"
                        + (s.sessionId() == null ? "" : " (session_id " + s.sessionId() + ")")));
          }
        }
        case LM_EVAL_SAMPLES_JSONL, LM_EVAL_SAMPLES_ARRAY -> {
          if (!claimed.contains(abs)) {
            units.add(
                new Unit(
                    s.format(), s, List.of(), "lm-eval samples file without its results file"));
          }
        }
        case UNKNOWN ->
            units.add(
                new Unit(
                    s.format(),
                    s,
                    List.of(),
                    s.error() != null
                        ? s.error().getMessage()
                        : s.file()
                            + (s.size() == 0
                                ? ": empty file"
                                : ": not JSON, not a format Evalstation reads")));
        default -> {}
      }
    }
    return units;
  }

  /** The samples files of one task of an lm-eval unit. */
  static List<Path> samplesFor(Unit unit, LmEvalResults results, String task) {
    Map<Path, String> owner = new LinkedHashMap<>();
    for (FormatDetector.Sniff m : unit.members()) {
      String name = m.file().getFileName().toString();
      String best = null;
      if (results.dateId() != null) {
        best = LmEvalFormat.taskOfSamplesFile(name, results.dateId());
      } else {
        String base = name.replaceAll("\\.jsonl?$", "");
        for (LmEvalResults.TaskResult t : results.tasks()) {
          if ((base.equals(t.name()) || base.endsWith("_" + t.name()))
              && (best == null || t.name().length() > best.length())) {
            best = t.name();
          }
        }
      }
      if (best != null) {
        owner.put(m.file(), best);
      }
    }
    List<Path> out = new ArrayList<>();
    owner.forEach(
        (p, t) -> {
          if (t.equals(task)) {
            out.add(p);
          }
        });
    return out;
  }
}
