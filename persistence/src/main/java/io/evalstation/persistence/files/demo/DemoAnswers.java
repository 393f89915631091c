package io.evalstation.persistence.files.demo;

import io.evalstation.persistence.files.demo.DemoCatalog.DemoDataset;
import io.evalstation.persistence.files.demo.SampleProblems.Kind;
import io.evalstation.persistence.files.demo.SampleProblems.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns the sample problems into dataset documents and model answers of realistic length. Every
 * string is built once per problem and answer style and then reused, so that a corpus of a million
 * predictions costs little more than writing its bytes.
 */
final class DemoAnswers {
  private static final String[] LETTERS = {"A", "B", "C", "D", "E", "F"};

  /** One document of a dataset: what the model saw and what was expected. */
  record Doc(
      DemoDataset dataset,
      int sampleId,
      Problem problem,
      String prompt,
      String groundTruth,
      String promptHash,
      String docHash,
      String targetHash) {}

  /**
   * A model's answer.
   *
   * @param text the raw response
   * @param extracted what a strict answer filter extracts ({@code [invalid]} when nothing)
   * @param lenient what a lenient filter extracts
   */
  record Answer(String text, String extracted, String lenient) {}

  private final SampleProblems problems;
  private final Map<Long, Doc> docs = new HashMap<>();
  private final Map<String, Answer[]> answers = new HashMap<>();

  DemoAnswers(SampleProblems problems) {
    this.problems = problems;
  }

  /** The document {@code sampleId} of {@code dataset} (cached). */
  Doc doc(DemoDataset dataset, int datasetIndex, int sampleId) {
    long key = ((long) datasetIndex << 32) | sampleId;
    Doc d = docs.get(key);
    if (d == null) {
      d = makeDoc(dataset, datasetIndex, sampleId);
      docs.put(key, d);
    }
    return d;
  }

  private Doc makeDoc(DemoDataset ds, int datasetIndex, int sampleId) {
    List<Problem> pool = problems.of(ds.kind());
    Problem p = pool.get(Math.floorMod(sampleId * 7 + datasetIndex * 3, pool.size()));
    String prompt;
    String truth;
    switch (ds.kind()) {
      case CODE -> {
        prompt = "# " + ds.name() + "/" + sampleId + "\n" + p.prompt();
        truth = p.solution();
      }
      case MATH -> {
        prompt = "Question (" + ds.name() + " #" + sampleId + "): " + p.prompt() + "\nAnswer:";
        truth = p.solution();
      }
      default -> {
        StringBuilder b =
            new StringBuilder("Question (" + ds.name() + " #" + sampleId + "): " + p.prompt());
        for (int i = 0; i < p.choices().size(); i++) {
          b.append('\n').append(LETTERS[i]).append(". ").append(p.choices().get(i));
        }
        prompt = b.append("\nAnswer:").toString();
        truth = LETTERS[Integer.parseInt(p.answer())];
      }
    }
    return new Doc(
        ds,
        sampleId,
        p,
        prompt,
        truth,
        sha256(prompt),
        sha256(ds.name() + "\u0000" + sampleId + "\u0000" + p.id()),
        sha256(truth));
  }

  /**
   * An answer to {@code doc}: right or wrong, plain or chatty; {@code variant} (any int) picks one
   * of several phrasings.
   */
  Answer answer(Doc doc, boolean correct, boolean chatty, int variant) {
    String key = doc.problem().id() + (correct ? "+" : "-") + (chatty ? "c" : "p");
    Answer[] set = answers.get(key);
    if (set == null) {
      set = makeAnswers(doc.problem(), correct, chatty);
      answers.put(key, set);
    }
    return set[Math.floorMod(variant, set.length)];
  }

  private static Answer[] makeAnswers(Problem p, boolean correct, boolean chatty) {
    return switch (p.kind()) {
      case CODE -> codeAnswers(p, correct, chatty);
      case MATH -> mathAnswers(p, correct, chatty);
      case CHOICE -> choiceAnswers(p, correct, chatty);
    };
  }

  private static Answer[] codeAnswers(Problem p, boolean correct, boolean chatty) {
    String[] bodies;
    if (correct) {
      bodies =
          new String[] {
            p.solution(),
            "    # Straightforward approach; see the docstring for the contract.\n" + p.solution(),
            p.solution() + "\n\n# Example:\n# " + firstExample(p.prompt()) + "\n"
          };
    } else {
      bodies =
          new String[] {
            mutate(p.solution()),
            truncate(p.solution()),
            "    # TODO: handle the general case\n    raise NotImplementedError\n",
            mutate(mutate(p.solution()))
          };
    }
    Answer[] out = new Answer[bodies.length];
    for (int i = 0; i < bodies.length; i++) {
      String text =
          chatty
              ? "Here is an implementation of `"
                  + p.entryPoint()
                  + "`:\n\n```python\n"
                  + p.prompt()
                  + bodies[i]
                  + "```\n\n"
                  + (correct
                      ? "The function walks the input once, so it runs in linear time."
                      : "This should cover the examples in the docstring.")
              : bodies[i];
      out[i] = new Answer(text, p.prompt() + bodies[i], p.prompt() + bodies[i]);
    }
    return out;
  }

  private static Answer[] mathAnswers(Problem p, boolean correct, boolean chatty) {
    String steps = p.solution().substring(0, p.solution().lastIndexOf("####")).stripTrailing();
    String right = p.answer();
    String[] finals =
        correct
            ? new String[] {right, right, right}
            : new String[] {wrong(right, 1), wrong(right, 2)};
    Answer[] out = new Answer[finals.length * 2];
    for (int i = 0; i < finals.length; i++) {
      String body = correct ? steps : wrongSteps(steps, finals[i]);
      String strict = body + "\n#### " + finals[i];
      String prose =
          "Let's think step by step.\n"
              + body
              + "\nSo the answer is "
              + finals[i]
              + (i == 2
                  ? ".\n\nTo double-check: the computation above uses every quantity given."
                  : ".");
      out[2 * i] = new Answer(chatty ? prose : strict, chatty ? "[invalid]" : finals[i], finals[i]);
      out[2 * i + 1] = new Answer(strict, finals[i], finals[i]);
    }
    return out;
  }

  private static Answer[] choiceAnswers(Problem p, boolean correct, boolean chatty) {
    int right = Integer.parseInt(p.answer());
    int n = p.choices().size();
    int[] picks = correct ? new int[] {right} : new int[] {(right + 1) % n, (right + n - 1) % n};
    Answer[] out = new Answer[picks.length];
    for (int i = 0; i < picks.length; i++) {
      String letter = LETTERS[picks[i]];
      String text =
          chatty
              ? "The answer is ("
                  + letter
                  + ") "
                  + p.choices().get(picks[i])
                  + ". The other options do not fit the question."
              : " " + letter;
      out[i] = new Answer(text, letter, letter);
    }
    return out;
  }

  private static String firstExample(String prompt) {
    int i = prompt.indexOf(">>> ");
    if (i < 0) {
      return "";
    }
    int end = prompt.indexOf('\n', i);
    return prompt.substring(i + 4, end < 0 ? prompt.length() : end);
  }

  private static final String[][] MUTATIONS = {
    {" <= ", " < "},
    {" < ", " <= "},
    {" + ", " - "},
    {" - 1", ""},
    {"[1]", "[0]"},
    {" > ", " >= "},
    {"== ", "!= "},
    {"return ", "return not "},
    {"append(", "insert(0, "}
  };

  private static String mutate(String code) {
    for (String[] m : MUTATIONS) {
      int i = code.indexOf(m[0]);
      if (i >= 0) {
        return code.substring(0, i) + m[1] + code.substring(i + m[0].length());
      }
    }
    return code.replaceFirst("return ", "return None  # ");
  }

  private static String truncate(String code) {
    String[] lines = code.split("\n", -1);
    int keep = Math.max(1, lines.length / 2);
    return String.join("\n", java.util.Arrays.copyOf(lines, keep)) + "\n";
  }

  private static String wrong(String answer, int k) {
    try {
      if (answer.contains(".")) {
        double v = Double.parseDouble(answer);
        return stripZeros(v * (k == 1 ? 1.1 : 0.5));
      }
      long v = Long.parseLong(answer);
      return Long.toString(k == 1 ? v + Math.max(1, Math.abs(v) / 10) : v * 2 + 3);
    } catch (NumberFormatException e) {
      return answer + "0";
    }
  }

  private static String stripZeros(double v) {
    String s = String.format(java.util.Locale.ROOT, "%.2f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String wrongSteps(String steps, String wrongFinal) {
    int cut = steps.lastIndexOf('\n');
    String head = cut < 0 ? "" : steps.substring(0, cut) + "\n";
    return head + "Combining these gives " + wrongFinal + ".";
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  static Kind kindOf(DemoDataset d) {
    return d.kind();
  }
}
