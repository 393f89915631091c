package io.evalstation.slurm.template;

/**
 * Where a job keeps its files on the cluster, all in its task directory: the script, the log
 * (stdout and stderr), the progress file the template keeps, the GPU sampler's CSV and the
 * harness's output directory (what comes home). {@link SbatchRenderer} writes scripts for this
 * layout; the monitor and the collector read it.
 *
 * @param taskDir the task's directory; the job runs there
 */
public record JobLayout(String taskDir) {
  /** The script's file name. */
  public static final String SCRIPT = "job.sbatch";

  /** The log's file name. */
  public static final String LOG = "job.log";

  /** The progress file's name. */
  public static final String PROGRESS = "progress.txt";

  /** The GPU sampler CSV's name. */
  public static final String GPU_CSV = "gpu.csv";

  /** The harness output directory's name. */
  public static final String OUTPUT = "output";

  /** Where the script is uploaded. */
  public String script() {
    return in(SCRIPT);
  }

  /** The job's stdout and stderr. */
  public String log() {
    return in(LOG);
  }

  /** The progress file the script keeps. */
  public String progress() {
    return in(PROGRESS);
  }

  /** The GPU sampler's CSV. */
  public String gpuCsv() {
    return in(GPU_CSV);
  }

  /** Where the harness writes its results. */
  public String outputDir() {
    return in(OUTPUT);
  }

  private String in(String name) {
    return taskDir + "/" + name;
  }
}
