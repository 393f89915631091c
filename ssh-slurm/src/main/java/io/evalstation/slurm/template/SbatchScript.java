package io.evalstation.slurm.template;

/**
 * A rendered batch script and where its files live on the cluster. All paths are relative to the
 * remote user's home directory (SFTP's and ssh's starting directory) unless the profile's work
 * directory is absolute.
 *
 * @param text the script
 * @param jobName the SLURM job name
 * @param layout the job's files in its task directory
 */
public record SbatchScript(String text, String jobName, JobLayout layout) {}
