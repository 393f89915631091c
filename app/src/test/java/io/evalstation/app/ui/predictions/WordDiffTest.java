package io.evalstation.app.ui.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstation.app.ui.predictions.WordDiff.Kind;
import io.evalstation.app.ui.predictions.WordDiff.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordDiffTest {

  private static String text(List<Run> runs) {
    return String.join("", runs.stream().map(Run::text).toList());
  }

  private static List<String> of(List<Run> runs, Kind kind) {
    return runs.stream().filter(r -> r.kind() == kind).map(Run::text).toList();
  }

  @Test
  void marksChangedWordsOnEachSideAndKeepsTheTextExact() {
    String a = "The answer is 35.\nDone";
    String b = "So the answer is 34.\nDone";
    WordDiff.Result r = WordDiff.compare(a, b);
    assertThat(text(r.left())).isEqualTo(a);
    assertThat(text(r.right())).isEqualTo(b);
    assertThat(of(r.left(), Kind.REMOVED)).containsExactly("The", "35");
    assertThat(of(r.right(), Kind.ADDED)).containsExactly("So the", "34");
    assertThat(of(r.left(), Kind.ADDED)).isEmpty();
    assertThat(of(r.right(), Kind.REMOVED)).isEmpty();
    assertThat(r.identical()).isFalse();
  }

  @Test
  void punctuationIsItsOwnToken() {
    WordDiff.Result r = WordDiff.compare("x = f(1, 2)", "x = f(1, 3)");
    assertThat(of(r.left(), Kind.REMOVED)).containsExactly("2");
    assertThat(of(r.right(), Kind.ADDED)).containsExactly("3");
  }

  @Test
  void identicalAndMissingTexts() {
    assertThat(WordDiff.compare("same words", "same words").identical()).isTrue();
    WordDiff.Result none = WordDiff.compare(null, "only B");
    assertThat(none.left()).isEmpty();
    assertThat(of(none.right(), Kind.ADDED)).containsExactly("only B");
  }
}
