package io.evalstation.app.ui.predictions;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word-level differences between two model outputs, as runs of text for each side: the left
 * side marks what only it has as {@link Kind#REMOVED}, the right side what only it has as {@link
 * Kind#ADDED}. Each side's runs spell its text exactly, whitespace included.
 */
public final class WordDiff {
  /** How a run of text compares with the other side. */
  public enum Kind {
    SAME,
    REMOVED,
    ADDED
  }

  /** A run of text of one kind. */
  public record Run(String text, Kind kind) {}

  /** Both sides' runs. */
  public record Result(List<Run> left, List<Run> right) {
    /** True when the two texts have the same words. */
    public boolean identical() {
      return left.stream().allMatch(r -> r.kind() == Kind.SAME)
          && right.stream().allMatch(r -> r.kind() == Kind.SAME);
    }
  }

  // Words and single punctuation marks are the units compared ("x=1," differs from "x=2," only in
  // the "2"); the whitespace before a token travels with it, so spacing never counts as a change.
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+|[^\\s\\p{L}\\p{N}_]");

  /** A word or mark with the whitespace before it. */
  record Token(String lead, String word) {}

  private WordDiff() {}

  /** Splits a text into tokens; whitespace at the very end becomes a token with no word. */
  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    Matcher m = TOKEN.matcher(text);
    int pos = 0;
    while (m.find()) {
      out.add(new Token(text.substring(pos, m.start()), m.group()));
      pos = m.end();
    }
    if (pos < text.length()) {
      out.add(new Token(text.substring(pos), ""));
    }
    return out;
  }

  /** Compares two texts word by word. */
  public static Result compare(String left, String right) {
    List<Token> a = tokens(left);
    List<Token> b = tokens(right);
    Patch<Token> patch = DiffUtils.diff(a, b, (x, y) -> x.word().equals(y.word()));
    List<Run> leftRuns = new ArrayList<>();
    List<Run> rightRuns = new ArrayList<>();
    int ia = 0;
    int ib = 0;
    for (AbstractDelta<Token> d : patch.getDeltas()) {
      int sa = d.getSource().getPosition();
      int sb = d.getTarget().getPosition();
      add(leftRuns, join(a, ia, sa), Kind.SAME);
      add(rightRuns, join(b, ib, sb), Kind.SAME);
      changed(leftRuns, d.getSource().getLines(), Kind.REMOVED);
      changed(rightRuns, d.getTarget().getLines(), Kind.ADDED);
      ia = sa + d.getSource().size();
      ib = sb + d.getTarget().size();
    }
    add(leftRuns, join(a, ia, a.size()), Kind.SAME);
    add(rightRuns, join(b, ib, b.size()), Kind.SAME);
    return new Result(List.copyOf(leftRuns), List.copyOf(rightRuns));
  }

  // The space before a changed block is not part of the change: only the words are marked.
  private static void changed(List<Run> runs, List<Token> tokens, Kind kind) {
    if (tokens.isEmpty()) {
      return;
    }
    add(runs, tokens.get(0).lead(), Kind.SAME);
    StringBuilder b = new StringBuilder(tokens.get(0).word());
    for (int i = 1; i < tokens.size(); i++) {
      b.append(tokens.get(i).lead()).append(tokens.get(i).word());
    }
    add(runs, b.toString(), kind);
  }

  private static String join(List<Token> tokens, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      b.append(tokens.get(i).lead()).append(tokens.get(i).word());
    }
    return b.toString();
  }

  // Adjacent runs of the same kind merge, so the view creates as few Text nodes as possible.
  private static void add(List<Run> runs, String text, Kind kind) {
    if (text.isEmpty()) {
      return;
    }
    if (!runs.isEmpty() && runs.get(runs.size() - 1).kind() == kind) {
      Run last = runs.remove(runs.size() - 1);
      runs.add(new Run(last.text() + text, kind));
    } else {
      runs.add(new Run(text, kind));
    }
  }
}
