package io.evalstation.persistence.files.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The small original problems shipped in the {@code resources} module ({@code
 * io/evalstation/resources/problems/problems.jsonl}) that demo corpora are built from.
 *
 * @param code Python function problems
 * @param math word problems with a worked solution
 * @param choice multiple-choice questions
 */
public record SampleProblems(List<Problem> code, List<Problem> math, List<Problem> choice) {
  /** Class-path location of the problems file. */
  public static final String RESOURCE = "/io/evalstation/resources/problems/problems.jsonl";

  /** The three kinds of problem. */
  public enum Kind {
    /** A Python function to complete. */
    CODE,
    /** A word problem whose answer is a number. */
    MATH,
    /** A multiple-choice question. */
    CHOICE
  }

  /**
   * One problem.
   *
   * @param id e.g. {@code code/running_max}
   * @param kind its kind
   * @param prompt what the model is shown
   * @param solution the reference solution (function body, worked answer, or the right choice)
   * @param answer final answer (math), index of the right choice as text (choice), else null
   * @param entryPoint function name (code), else null
   * @param tests assertions (code), else null
   * @param choices the choices (choice), else empty
   */
  public record Problem(
      String id,
      Kind kind,
      String prompt,
      String solution,
      String answer,
      String entryPoint,
      String tests,
      List<String> choices) {}

  public SampleProblems {
    code = List.copyOf(code);
    math = List.copyOf(math);
    choice = List.copyOf(choice);
    if (code.isEmpty() || math.isEmpty() || choice.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " must hold code, math and choice problems");
    }
  }

  /** The problems of a kind. */
  public List<Problem> of(Kind kind) {
    return switch (kind) {
      case CODE -> code;
      case MATH -> math;
      case CHOICE -> choice;
    };
  }

  /** Reads the shipped problems from the class path. */
  public static SampleProblems load() {
    InputStream in = SampleProblems.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          RESOURCE + " is not on the class path (is the evalstation-resources module missing?)");
    }
    ObjectMapper json = new ObjectMapper();
    List<Problem> code = new ArrayList<>();
    List<Problem> math = new ArrayList<>();
    List<Problem> choice = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        String kindText = text(n, "kind", lineNo);
        Kind kind;
        try {
          kind = Kind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              RESOURCE
                  + " line "
                  + lineNo
                  + ": kind must be code, math or choice, not "
                  + kindText);
        }
        List<String> choices = new ArrayList<>();
        n.path("choices").forEach(c -> choices.add(c.asText()));
        Problem p =
            new Problem(
                text(n, "id", lineNo),
                kind,
                text(n, "prompt", lineNo),
                text(n, "solution", lineNo),
                n.hasNonNull("answer") ? n.get("answer").asText() : null,
                n.hasNonNull("entry_point") ? n.get("entry_point").asText() : null,
                n.hasNonNull("tests") ? n.get("tests").asText() : null,
                List.copyOf(choices));
        switch (kind) {
          case CODE -> code.add(p);
          case MATH -> math.add(p);
          case CHOICE -> choice.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new SampleProblems(code, math, choice);
  }

  private static String text(JsonNode n, String field, int lineNo) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalStateException(
          RESOURCE + " line " + lineNo + ": field '" + field + "' must be a string");
    }
    return v.asText();
  }
}
