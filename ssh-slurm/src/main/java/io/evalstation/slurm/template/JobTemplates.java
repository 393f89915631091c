package io.evalstation.slurm.template;

import io.evalstation.model.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The job templates: built-in ones from the class path ({@code
 * io/evalstation/slurm/templates/NAME.sbatch}) and the user's editable copies in a directory the
 * caller chooses ({@code NAME.sbatch}), which override built-ins of the same name.
 */
public final class JobTemplates {
  /** The names of the built-in templates. */
  public static final List<String> BUILT_IN = List.of("lm-eval-vllm", "legacy-pipeline");

  private static final String RESOURCE_DIR = "/io/evalstation/slurm/templates/";
  private static final String SUFFIX = ".sbatch";
  private final Path userDir;

  /** Templates with user copies in {@code userDir} (null for built-ins only). */
  public JobTemplates(Path userDir) {
    this.userDir = userDir;
  }

  /** Only the built-in templates. */
  public static JobTemplates builtInOnly() {
    return new JobTemplates(null);
  }

  /** All template names, built-in and user's. */
  public List<String> names() {
    TreeSet<String> names = new TreeSet<>(BUILT_IN);
    if (userDir != null && Files.isDirectory(userDir)) {
      try (Stream<Path> s = Files.list(userDir)) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(SUFFIX))
            .map(n -> n.substring(0, n.length() - SUFFIX.length()))
            .filter(Names::isSafe)
            .forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list job templates in " + userDir, e);
      }
    }
    return List.copyOf(names);
  }

  /** The template called {@code name}: the user's copy when there is one, else the built-in. */
  public JobTemplate get(String name) {
    Names.requireName("template name", name);
    if (userDir != null) {
      Path f = userDir.resolve(name + SUFFIX);
      if (Files.isRegularFile(f)) {
        try {
          return JobTemplate.fromFile(name, Files.readString(f), f);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read job template " + f, e);
        }
      }
    }
    return builtIn(name);
  }

  /** The built-in template, ignoring user copies. */
  public static JobTemplate builtIn(String name) {
    String res = RESOURCE_DIR + name + SUFFIX;
    try (InputStream in = JobTemplates.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no job template called '" + name + "' (built-in: " + BUILT_IN + ")");
      }
      return new JobTemplate(
          name, new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + res);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + res, e);
    }
  }

  /**
   * Copies a built-in template into the user directory for editing (keeps an existing copy) and
   * returns the file.
   */
  public Path copyForEditing(String name) {
    if (userDir == null) {
      throw new IllegalStateException("no user template directory configured");
    }
    Path f = userDir.resolve(name + SUFFIX);
    try {
      Files.createDirectories(userDir);
      if (!Files.exists(f)) {
        Files.writeString(f, builtIn(name).text());
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }
}
