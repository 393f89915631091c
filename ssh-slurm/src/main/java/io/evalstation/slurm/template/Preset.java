package io.evalstation.slurm.template;

import io.evalstation.model.Names;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How much of a node an evaluation gets and how vLLM uses it.
 *
 * @param name the preset's name
 * @param gpus GPUs per job (1..8)
 * @param tensorParallel vLLM tensor parallelism; divides {@code gpus}
 * @param gpuMemoryFraction vLLM {@code gpu_memory_utilization}, in (0, 1)
 * @param batchSize the harness's {@code --batch_size}: a positive number, {@code auto} or {@code
 *     auto:N}
 * @param timeLimit the SLURM time limit (at least one minute)
 * @param cpus CPUs per job
 * @param memoryGb host memory per job in GB
 */
public record Preset(
    String name,
    int gpus,
    int tensorParallel,
    double gpuMemoryFraction,
    String batchSize,
    Duration timeLimit,
    int cpus,
    int memoryGb) {
  private static final Pattern BATCH = Pattern.compile("auto(:[1-9][0-9]{0,3})?|[1-9][0-9]{0,4}");

  /** One GPU, small batch, one hour: quick checks. */
  public static final Preset FAST =
      new Preset("fast", 1, 1, 0.85, "auto", Duration.ofHours(1), 8, 64);

  /** Two GPUs with tensor parallelism 2, four hours. */
  public static final Preset BALANCED =
      new Preset("balanced", 2, 2, 0.90, "auto", Duration.ofHours(4), 16, 128);

  /** A full 4-GPU share, twelve hours: large models and whole datasets. */
  public static final Preset THOROUGH =
      new Preset("thorough", 4, 4, 0.92, "auto", Duration.ofHours(12), 32, 256);

  /** The built-in presets. */
  public static final List<Preset> BUILT_IN = List.of(FAST, BALANCED, THOROUGH);

  public Preset {
    Names.requireName("preset name", name);
    if (gpus < 1 || gpus > 8) {
      throw new IllegalArgumentException("preset " + name + ": GPUs " + gpus + " must be 1..8");
    }
    if (tensorParallel < 1 || gpus % tensorParallel != 0) {
      throw new IllegalArgumentException(
          "preset "
              + name
              + ": tensor parallelism "
              + tensorParallel
              + " must divide the "
              + gpus
              + " GPUs");
    }
    if (!(gpuMemoryFraction > 0 && gpuMemoryFraction < 1)) {
      throw new IllegalArgumentException(
          "preset "
              + name
              + ": GPU memory fraction "
              + gpuMemoryFraction
              + " must be between 0 and 1");
    }
    if (batchSize == null || !BATCH.matcher(batchSize).matches()) {
      throw new IllegalArgumentException(
          "preset "
              + name
              + ": batch size '"
              + batchSize
              + "' must be a positive number, auto or auto:N");
    }
    if (timeLimit == null
        || timeLimit.compareTo(Duration.ofMinutes(1)) < 0
        || timeLimit.toDays() > 365) {
      throw new IllegalArgumentException(
          "preset "
              + name
              + ": time limit "
              + timeLimit
              + " must be between 1 minute and 365 days");
    }
    if (cpus < 1 || cpus > 1024) {
      throw new IllegalArgumentException("preset " + name + ": CPUs " + cpus + " must be 1..1024");
    }
    if (memoryGb < 1 || memoryGb > 16384) {
      throw new IllegalArgumentException(
          "preset " + name + ": memory " + memoryGb + " GB must be 1..16384");
    }
  }

  /** The built-in preset of that name (any case); an error listing the names otherwise. */
  public static Preset named(String name) {
    for (Preset p : BUILT_IN) {
      if (p.name.equalsIgnoreCase(name == null ? "" : name.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "preset '" + name + "' is not one of " + BUILT_IN.stream().map(Preset::name).toList());
  }

  /** The time limit as sbatch wants it: {@code D-HH:MM:SS}. */
  public String sbatchTime() {
    long s = timeLimit.getSeconds();
    return String.format(
        "%d-%02d:%02d:%02d", s / 86400, (s % 86400) / 3600, (s % 3600) / 60, s % 60);
  }
}
