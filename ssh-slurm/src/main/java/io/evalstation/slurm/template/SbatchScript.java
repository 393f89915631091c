package io.evalstation.slurm.template;

/**
 * A rendered batch script and where its files live on the cluster. All paths are relative to the
 * remote user's home directory (SFTP's and ssh's starting directory) unless the profile's work
 * directory is absolute.
 *
 * @param text the script
 * @param jobName the SLURM job name
 * @param taskDir the task's directory; the job runs there
 * @param scriptPath where the script is uploaded
 * @param logPath the job's stdout and stderr
 * @param progressPath the progress file the script keeps
 * @param gpuCsvPath the GPU sampler's CSV
 * @param outputDir where the harness writes its results
 */
public record SbatchScript(
    String text,
    String jobName,
    String taskDir,
    String scriptPath,
    String logPath,
    String progressPath,
    String gpuCsvPath,
    String outputDir) {}
