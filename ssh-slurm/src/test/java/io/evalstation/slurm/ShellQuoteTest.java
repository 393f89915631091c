package io.evalstation.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
  /** What a real POSIX shell makes of the quoted word: it must be the value, unchanged. */
  static String echoedBySh(String value) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellQuote.quote(value)).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void quotedValuesStayLiteralInARealShell() throws Exception {
    for (String v :
        List.of(
            "plain",
            "x; touch /tmp/pwned-shellquote",
            "$(touch /tmp/pwned-shellquote)",
            "`id`",
            "it's",
            "'; rm -rf ~; '",
            "a\nb",
            "*",
            "$HOME",
            "",
            "Llama 3 8B")) {
      assertThat(echoedBySh(v)).isEqualTo(v);
    }
    assertThat(java.nio.file.Path.of("/tmp/pwned-shellquote")).doesNotExist();
  }

  @Test
  void plainWordsAreLeftAlone() {
    assertThat(ShellQuote.quote("evalstation/sessions/s-1/job.sbatch"))
        .isEqualTo("evalstation/sessions/s-1/job.sbatch");
    assertThat(ShellQuote.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuote.join(List.of("ls", "-l", "a b"))).isEqualTo("ls -l 'a b'");
    assertThatThrownBy(() -> ShellQuote.quote("a\0b")).hasMessageContaining("NUL");
  }

  @Test
  void safePaths() {
    assertThat(ShellQuote.requirePath("dir", "/scratch/me/evalstation"))
        .isEqualTo("/scratch/me/evalstation");
    assertThat(ShellQuote.requirePath("dir", "evalstation")).isEqualTo("evalstation");
    for (String bad : List.of("../etc", "a/../b", "~/x", "a b", "a;b", "$(x)", "a//b", "")) {
      assertThatThrownBy(() -> ShellQuote.requirePath("remote work directory", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("remote work directory");
    }
  }
}
