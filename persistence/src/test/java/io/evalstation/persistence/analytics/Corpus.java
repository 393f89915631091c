package io.evalstation.persistence.analytics;

import org.jooq.DSLContext;

/**
 * The hand-computed corpus of the analytics tests. Expected figures are written next to the data in
 * the tests; see there.
 *
 * <pre>
 * models: alpha (qwen3, general), beta (llama3, code), gamma (qwen3, code), delta (llama3, general),
 *         epsilon (other, general)
 * pass_at_1 (filter none):
 *   t1 alpha humaneval 0.6 ±0.03  s1 09-01 08:00–09:00  result avg time 1.0, limit 164, n_shot 0
 *   t2 alpha mbpp      0.8 ±0.02  s1 09-01 09:00–09:30  result avg time 3.0
 *   t3 beta  humaneval 0.5 (no stderr) s2 09-02 08:00–08:20  no result row: predictions 1.5 s each, n_shot 5
 *   t4 beta  mbpp      0.9 ±0.01  s2 09-02 08:20–09:20  avg time 3.5, task gpus 4
 *   t5 gamma humaneval 0.4        s2 09-02 10:00–10:10  avg 0.5, 164 samples
 *   t6 gamma mbpp      0.6        s3 09-03 00:00–00:30  avg 0.5
 *   t7 gamma bigcodebench 0.5     s3 09-03 01:00–02:00  preset fast, avg 0.5
 *   t8 delta humaneval 0.3        s3 09-03 03:00–03:05  avg 2.0
 *   t9 delta mbpp      failed     s3 09-03 04:00–04:01
 *   t10 epsilon humaneval NaN     s3 09-03 05:00–05:10
 * perplexity (wikitext): t11 alpha 10, t12 beta 8, t13 gamma 8 (s4, 09-04 06:00–06:10)
 * exact_match (gsm8k) strict-match / flexible-extract: t14 alpha 0.5/0.6, t15 beta 0.7/0.65
 * acc (gsm8k) only under filter "custom": t14 0.4, t15 0.45
 * sessions: s1 gpus 2; s2, s3, s4 none (1)
 * </pre>
 */
final class Corpus {
  long t1;
  long t2;
  long t3;
  long t4;
  long t5;
  long t14;
  long t15;
  long s1;

  static Corpus load(DSLContext dsl) {
    Corpus c = new Corpus();
    Fixture f = new Fixture(dsl);
    f.model("alpha", "qwen3", "general")
        .model("beta", "llama3", "code")
        .model("gamma", "qwen3", "code")
        .model("delta", "llama3", "general")
        .model("epsilon", "other", "general");
    f.dataset("humaneval", "coding", 164)
        .dataset("mbpp", "coding", 500)
        .dataset("bigcodebench", "coding", 1140)
        .dataset("wikitext", "language_modeling", 62)
        .dataset("gsm8k", "math", 1319);
    long s1 = f.session("s1", "2025-09-01T08:00:00", "{\"gpus\": 2}");
    long s2 = f.session("s2", "2025-09-02T08:00:00", "{}");
    long s3 = f.session("s3", "2025-09-03T00:00:00", "{}");
    long s4 = f.session("s4", "2025-09-04T06:00:00", "{}");
    c.s1 = s1;
    String b = "balanced";
    c.t1 =
        f.task(
            s1,
            "alpha",
            "humaneval",
            b,
            "completed",
            "2025-09-01T08:00:00",
            "2025-09-01T09:00:00",
            164,
            "{\"n_shot\": 0}");
    c.t2 =
        f.task(
            s1,
            "alpha",
            "mbpp",
            b,
            "completed",
            "2025-09-01T09:00:00",
            "2025-09-01T09:30:00",
            null,
            null);
    c.t3 =
        f.task(
            s2,
            "beta",
            "humaneval",
            b,
            "completed",
            "2025-09-02T08:00:00",
            "2025-09-02T08:20:00",
            null,
            "{\"n_shot\": 5}");
    c.t4 =
        f.task(
            s2,
            "beta",
            "mbpp",
            b,
            "completed",
            "2025-09-02T08:20:00",
            "2025-09-02T09:20:00",
            null,
            "{\"gpus\": 4}");
    c.t5 =
        f.task(
            s2,
            "gamma",
            "humaneval",
            b,
            "completed",
            "2025-09-02T10:00:00",
            "2025-09-02T10:10:00",
            null,
            null);
    long t6 =
        f.task(
            s3,
            "gamma",
            "mbpp",
            b,
            "completed",
            "2025-09-03T00:00:00",
            "2025-09-03T00:30:00",
            null,
            null);
    long t7 =
        f.task(
            s3,
            "gamma",
            "bigcodebench",
            "fast",
            "completed",
            "2025-09-03T01:00:00",
            "2025-09-03T02:00:00",
            null,
            null);
    long t8 =
        f.task(
            s3,
            "delta",
            "humaneval",
            b,
            "completed",
            "2025-09-03T03:00:00",
            "2025-09-03T03:05:00",
            null,
            null);
    f.task(
        s3, "delta", "mbpp", b, "failed", "2025-09-03T04:00:00", "2025-09-03T04:01:00", null, null);
    long t10 =
        f.task(
            s3,
            "epsilon",
            "humaneval",
            b,
            "completed",
            "2025-09-03T05:00:00",
            "2025-09-03T05:10:00",
            null,
            null);
    long t11 =
        f.task(
            s4,
            "alpha",
            "wikitext",
            b,
            "completed",
            "2025-09-04T06:00:00",
            "2025-09-04T06:10:00",
            null,
            null);
    long t12 =
        f.task(
            s4,
            "beta",
            "wikitext",
            b,
            "completed",
            "2025-09-04T06:00:00",
            "2025-09-04T06:10:00",
            null,
            null);
    long t13 =
        f.task(
            s4,
            "gamma",
            "wikitext",
            b,
            "completed",
            "2025-09-04T06:00:00",
            "2025-09-04T06:10:00",
            null,
            null);
    c.t14 =
        f.task(
            s4,
            "alpha",
            "gsm8k",
            b,
            "completed",
            "2025-09-04T06:00:00",
            "2025-09-04T06:10:00",
            null,
            null);
    c.t15 =
        f.task(
            s4,
            "beta",
            "gsm8k",
            b,
            "completed",
            "2025-09-04T06:00:00",
            "2025-09-04T06:10:00",
            null,
            null);

    f.metric(c.t1, "pass_at_1", "none", 0.6, 0.03).result(c.t1, 164, 1.0);
    f.metric(c.t2, "pass_at_1", "none", 0.8, 0.02).result(c.t2, 500, 3.0);
    f.metric(c.t3, "pass_at_1", "none", 0.5, null);
    f.metric(c.t4, "pass_at_1", "none", 0.9, 0.01).result(c.t4, 500, 3.5);
    f.metric(c.t5, "pass_at_1", "none", 0.4, null).result(c.t5, 164, 0.5);
    f.metric(t6, "pass_at_1", "none", 0.6, null).result(t6, 500, 0.5);
    f.metric(t7, "pass_at_1", "none", 0.5, null).result(t7, 1140, 0.5);
    f.metric(t8, "pass_at_1", "none", 0.3, null).result(t8, 164, 2.0);
    f.metric(t10, "pass_at_1", "none", Double.NaN, null).result(t10, 164, 1.0);
    f.metric(t11, "perplexity", "none", 10.0, null);
    f.metric(t12, "perplexity", "none", 8.0, null);
    f.metric(t13, "perplexity", "none", 8.0, null);
    f.metric(c.t14, "exact_match", "strict-match", 0.5, 0.1)
        .metric(c.t14, "exact_match", "flexible-extract", 0.6, 0.1)
        .metric(c.t14, "acc", "custom", 0.4, null);
    f.metric(c.t15, "exact_match", "strict-match", 0.7, 0.1)
        .metric(c.t15, "exact_match", "flexible-extract", 0.65, 0.1)
        .metric(c.t15, "acc", "custom", 0.45, null);

    // Paired predictions, A = t1 (alpha), B = t3 (beta) on humaneval:
    // 0,1 both correct; 2..10 fixed (A wrong, B right); 11 regressed; 12 A unknown;
    // 13 only in A; 14 only in B; sample 5's prompt hash differs in B.
    for (int i = 0; i <= 12; i++) {
      Boolean a = i <= 1 || i == 11 ? Boolean.TRUE : i == 12 ? null : Boolean.FALSE;
      Boolean bb = i != 11;
      f.prediction(c.t1, i, "none", "h" + i, a, 9.9, "answer a" + i);
      f.prediction(c.t3, i, "none", i == 5 ? "x5" : "h" + i, bb, 1.5, "answer B" + i);
    }
    f.prediction(c.t1, 13, "none", "h13", true, 9.9, "answer a13");
    f.prediction(c.t3, 14, "none", "h14", true, 1.5, "answer B14");

    // gsm8k: different sample ids, same prompt hashes, two filters each.
    for (int i = 0; i < 3; i++) {
      for (String filter : new String[] {"strict-match", "flexible-extract"}) {
        f.prediction(c.t14, 100 + i, filter, "p" + i, i == 0, null, "x");
        f.prediction(c.t15, i, filter, "p" + i, true, null, "y");
      }
    }
    return c;
  }
}
