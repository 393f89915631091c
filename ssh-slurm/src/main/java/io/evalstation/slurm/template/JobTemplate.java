package io.evalstation.slurm.template;

import io.evalstation.model.Names;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A batch-script template: a bash script holding the line {@code {{SBATCH}}} (replaced by the
 * generated {@code #SBATCH} directives) and the line {@code {{VARIABLES}}} (replaced by quoted
 * {@code EVAL_*} assignments). Nothing else is substituted, so no value can reach the shell
 * unquoted; the template reads the values as {@code "$EVAL_MODEL"} and so on.
 *
 * @param name the template's name
 * @param text the script text
 * @param origin where it came from: the class-path resource or the user's file
 */
public record JobTemplate(String name, String text, String origin) {
  /** The marker replaced by the {@code #SBATCH} lines. */
  public static final String SBATCH_MARKER = "{{SBATCH}}";

  /** The marker replaced by the variable assignments. */
  public static final String VARIABLES_MARKER = "{{VARIABLES}}";

  public JobTemplate {
    Names.requireName("template name", name);
    Objects.requireNonNull(text, "text");
    for (String m : new String[] {SBATCH_MARKER, VARIABLES_MARKER}) {
      if (text.lines().noneMatch(l -> l.strip().equals(m))) {
        throw new IllegalArgumentException(
            "job template "
                + origin
                + " has no line '"
                + m
                + "' (each marker must stand on its own line)");
      }
    }
    if (!text.startsWith("#!")) {
      throw new IllegalArgumentException("job template " + origin + " must start with a #! line");
    }
  }

  /** A template read from a user's file. */
  public static JobTemplate fromFile(String name, String text, Path file) {
    return new JobTemplate(name, text, file.toString());
  }
}
