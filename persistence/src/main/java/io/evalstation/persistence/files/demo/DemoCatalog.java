package io.evalstation.persistence.files.demo;

import io.evalstation.persistence.files.demo.SampleProblems.Kind;
import java.util.List;

/**
 * The models and datasets demo corpora are made of. Abilities are invented but stable, so that
 * leaderboards built from a corpus differ between models in the same way on every dataset of a
 * category (a code model leads on code, a 70B model beats its 8B sibling, and so on).
 */
public final class DemoCatalog {
  private DemoCatalog() {}

  /**
   * A model of the demo world.
   *
   * @param name registry name, e.g. {@code qwen3_8b}
   * @param hfId the Hugging Face id lm-eval would be given, e.g. {@code Qwen/Qwen3-8B}
   * @param family e.g. {@code qwen3}
   * @param parameterCount number of parameters
   * @param specialization {@code general}, {@code code} or {@code math}
   * @param backend {@code vllm} or {@code hf}
   * @param code ability on code, as a logit offset
   * @param math ability on maths
   * @param knowledge ability on multiple-choice knowledge and reasoning
   * @param memoryGib GPU memory the weights and cache need
   * @param tokensPerSecond generation speed on one H100
   * @param chatty whether answers come wrapped in prose and a Markdown fence
   */
  public record DemoModel(
      String name,
      String hfId,
      String family,
      long parameterCount,
      String specialization,
      String backend,
      double code,
      double math,
      double knowledge,
      double memoryGib,
      double tokensPerSecond,
      boolean chatty) {
    /** Ability on problems of a kind. */
    public double ability(Kind kind) {
      return switch (kind) {
        case CODE -> code;
        case MATH -> math;
        case CHOICE -> knowledge;
      };
    }

    /** lm-eval's {@code model_name_sanitized}: the id with {@code /} replaced by {@code __}. */
    public String sanitizedHfId() {
      return hfId.replace("/", "__");
    }
  }

  /**
   * A dataset of the demo world.
   *
   * @param name registry name and lm-eval task name
   * @param taskType e.g. {@code code_generation}
   * @param category e.g. {@code coding}
   * @param sampleCount documents in the full dataset
   * @param kind which sample problems it draws on
   * @param difficulty logit offset: higher is harder
   * @param metric the legacy headline metric ({@code pass_at_1}, {@code accuracy}, …)
   */
  public record DemoDataset(
      String name,
      String taskType,
      String category,
      int sampleCount,
      Kind kind,
      double difficulty,
      String metric) {}

  /** The models, smallest first within a family. */
  public static final List<DemoModel> MODELS =
      List.of(
          new DemoModel(
              "qwen3_0.6b",
              "Qwen/Qwen3-0.6B",
              "qwen3",
              596_049_920L,
              "general",
              "vllm",
              -1.6,
              -1.3,
              -1.2,
              6,
              210,
              true),
          new DemoModel(
              "qwen3_8b",
              "Qwen/Qwen3-8B",
              "qwen3",
              8_190_735_360L,
              "general",
              "vllm",
              0.6,
              0.9,
              0.7,
              24,
              95,
              true),
          new DemoModel(
              "qwen3_32b",
              "Qwen/Qwen3-32B",
              "qwen3",
              32_762_123_264L,
              "general",
              "vllm",
              1.3,
              1.6,
              1.4,
              72,
              38,
              true),
          new DemoModel(
              "llama3_8b",
              "meta-llama/Meta-Llama-3.1-8B-Instruct",
              "llama3",
              8_030_261_248L,
              "general",
              "vllm",
              -0.2,
              -0.1,
              0.3,
              24,
              100,
              true),
          new DemoModel(
              "llama3_70b",
              "meta-llama/Meta-Llama-3.1-70B-Instruct",
              "llama3",
              70_553_706_496L,
              "general",
              "vllm",
              0.9,
              1.0,
              1.5,
              150,
              22,
              true),
          new DemoModel(
              "deepseek_coder_6.7b",
              "deepseek-ai/deepseek-coder-6.7b-instruct",
              "deepseek-coder",
              6_740_000_000L,
              "code",
              "vllm",
              0.5,
              -0.9,
              -0.6,
              20,
              110,
              false),
          new DemoModel(
              "mistral_7b",
              "mistralai/Mistral-7B-Instruct-v0.3",
              "mistral",
              7_248_023_552L,
              "general",
              "hf",
              -0.6,
              -0.8,
              0.0,
              22,
              60,
              true),
          new DemoModel(
              "phi_4",
              "microsoft/phi-4",
              "phi",
              14_659_507_200L,
              "general",
              "hf",
              0.4,
              1.1,
              1.0,
              40,
              55,
              true),
          new DemoModel(
              "codestral_22b",
              "mistralai/Codestral-22B-v0.1",
              "codestral",
              22_247_282_688L,
              "code",
              "vllm",
              1.1,
              -0.2,
              0.2,
              56,
              45,
              false),
          new DemoModel(
              "qwen2.5_math_7b",
              "Qwen/Qwen2.5-Math-7B-Instruct",
              "qwen2.5",
              7_615_616_512L,
              "math",
              "vllm",
              -0.7,
              1.4,
              -0.3,
              22,
              100,
              true));

  /** The datasets. */
  public static final List<DemoDataset> DATASETS =
      List.of(
          new DemoDataset(
              "humaneval", "code_generation", "coding", 164, Kind.CODE, -0.3, "pass_at_1"),
          new DemoDataset("mbpp", "code_generation", "coding", 500, Kind.CODE, -0.1, "pass_at_1"),
          new DemoDataset(
              "bigcodebench", "code_generation", "coding", 1140, Kind.CODE, 1.2, "pass_at_1"),
          new DemoDataset(
              "gsm8k", "math_word_problems", "math", 1319, Kind.MATH, -0.5, "exact_match"),
          new DemoDataset(
              "math500", "math_competition", "math", 500, Kind.MATH, 0.9, "exact_match"),
          new DemoDataset(
              "arc_challenge", "multiple_choice", "reasoning", 1172, Kind.CHOICE, -0.4, "accuracy"),
          new DemoDataset(
              "mmlu", "multiple_choice", "knowledge", 14042, Kind.CHOICE, 0.0, "accuracy"));

  /** The model of that name. */
  public static DemoModel model(String name) {
    return MODELS.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no demo model " + name));
  }

  /** The dataset of that name. */
  public static DemoDataset dataset(String name) {
    return DATASETS.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no demo dataset " + name));
  }
}
