package io.evalstation.app.service;

import io.evalstation.model.PerfSample;
import io.evalstation.model.TaskSpec;
import io.evalstation.slurm.template.JobLayout;
import java.util.List;

/**
 * Job scripts and the files they leave on the cluster: renders a task's sbatch script with the
 * cluster profile's settings (or defaults, for a dry run before any cluster is configured), says
 * where the job writes its log, progress file, GPU sampler CSV and outputs, and reads those files.
 */
public interface JobScripts {

  /**
   * Renders one task's script.
   *
   * @param cluster the cluster profile's name, or null for default settings (dry run)
   * @param sessionKey the session's key (part of the remote directory)
   * @param taskIndex the task's index in the session
   * @param spec what to evaluate
   */
  RenderedJob render(String cluster, String sessionKey, int taskIndex, TaskSpec spec);

  /** GPUs a job of the preset asks for (what its GPU-hours count). */
  int gpusPerTask(String preset);

  /** Where a job whose directory is {@code remoteDir} keeps its files. */
  JobLayout files(String remoteDir);

  /** Progress from the progress file's text and the newest log text. */
  ProgressReading progress(String progressText, String logText);

  /** Performance samples from complete lines of the GPU sampler's CSV. */
  List<PerfSample> gpuSamples(String csvLines, String node);

  /**
   * A rendered job script.
   *
   * @param remoteDir the task's directory on the cluster
   * @param scriptFileName the script's file name in it
   * @param script the script's text
   */
  record RenderedJob(String remoteDir, String scriptFileName, String script) {}

  /**
   * How far a job is.
   *
   * @param done samples done, null when unknown
   * @param total samples in all, null when unknown
   * @param rate samples per second, null when unknown
   * @param harnessExitCode the harness's exit code once the script recorded it
   */
  record ProgressReading(Long done, Long total, Double rate, Integer harnessExitCode) {
    public static final ProgressReading NONE = new ProgressReading(null, null, null, null);
  }
}
