package io.evalstation.slurm.ssh;

import io.evalstation.model.Names;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Cluster profiles stored as one {@code NAME.properties} file each in a directory the caller
 * chooses (the app uses {@code AppDirectories.config()/clusters}). No passwords are ever stored.
 */
public final class ClusterProfiles {
  private static final String SUFFIX = ".properties";
  private final Path dir;

  /** A store over {@code dir} (created on the first save). */
  public ClusterProfiles(Path dir) {
    this.dir = dir;
  }

  /** The directory holding the profiles. */
  public Path directory() {
    return dir;
  }

  /** All profiles, sorted by name; a file that cannot be read is an error naming it. */
  public List<ClusterProfile> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ClusterProfile> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
        out.add(read(f));
      }
    } catch (IOException e) {
      throw new ClusterException(
          "cannot list cluster profiles in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The profile called {@code name}, if stored. */
  public Optional<ClusterProfile> find(String name) {
    Path f = file(name);
    return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
  }

  /** The profile called {@code name}; an error listing the known names when absent. */
  public ClusterProfile get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no cluster called '"
                        + name
                        + "' (known: "
                        + list().stream().map(ClusterProfile::name).toList()
                        + ", in "
                        + dir
                        + ")"));
  }

  /** Writes a profile (replacing one of the same name) atomically. */
  public void save(ClusterProfile p) {
    Properties props = new Properties();
    props.setProperty("host", p.host());
    if (p.port() != 0) {
      props.setProperty("port", String.valueOf(p.port()));
    }
    put(props, "user", p.user());
    put(props, "identityFile", p.identityFile() == null ? null : p.identityFile().toString());
    put(props, "jumpHost", p.jumpHost());
    props.setProperty("partition", p.partition());
    put(props, "account", p.account());
    put(props, "qos", p.qos());
    props.setProperty("remoteWorkDir", p.remoteWorkDir());
    props.setProperty("template", p.templateName());
    put(props, "knownHostsFile", p.knownHostsFile() == null ? null : p.knownHostsFile().toString());
    props.setProperty("harnessCommand", p.harnessCommand());
    props.setProperty("gpuType", p.gpuType());
    put(props, "extraPath", p.extraPath());
    props.setProperty("useAgent", String.valueOf(p.useAgent()));
    try {
      Files.createDirectories(dir);
      StringWriter w = new StringWriter();
      props.store(w, "Evalstation cluster profile " + p.name());
      Path tmp = Files.createTempFile(dir, p.name(), ".tmp");
      Files.writeString(tmp, w.toString());
      try {
        Files.move(
            tmp,
            file(p.name()),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file(p.name()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new ClusterException(
          "cannot save cluster profile " + p.name() + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Removes a profile; true when it existed. */
  public boolean delete(String name) {
    try {
      return Files.deleteIfExists(file(name));
    } catch (IOException e) {
      throw new ClusterException(
          "cannot delete cluster profile " + name + ": " + e.getMessage(), e);
    }
  }

  private Path file(String name) {
    Names.requireName("cluster name", name);
    if (name.contains("/")) {
      throw new IllegalArgumentException("cluster name '" + name + "' may not contain '/'");
    }
    return dir.resolve(name + SUFFIX);
  }

  private static void put(Properties p, String key, String value) {
    if (value != null) {
      p.setProperty(key, value);
    }
  }

  private static ClusterProfile read(Path f) {
    String fileName = f.getFileName().toString();
    String name = fileName.substring(0, fileName.length() - SUFFIX.length());
    Properties p = new Properties();
    try (Reader r = new StringReader(Files.readString(f))) {
      p.load(r);
    } catch (IOException e) {
      throw new ClusterException("cannot read cluster profile " + f + ": " + e.getMessage(), e);
    }
    try {
      String port = p.getProperty("port");
      return new ClusterProfile(
          name,
          p.getProperty("host"),
          port == null ? 0 : Integer.parseInt(port.trim()),
          p.getProperty("user"),
          p.getProperty("identityFile") == null ? null : Path.of(p.getProperty("identityFile")),
          p.getProperty("jumpHost"),
          p.getProperty("partition"),
          p.getProperty("account"),
          p.getProperty("qos"),
          p.getProperty("remoteWorkDir", ClusterProfile.DEFAULT_REMOTE_DIR),
          p.getProperty("template", "lm-eval-vllm"),
          p.getProperty("knownHostsFile") == null ? null : Path.of(p.getProperty("knownHostsFile")),
          p.getProperty("harnessCommand", "lm_eval"),
          p.getProperty("gpuType", "h100"),
          p.getProperty("extraPath"),
          Boolean.parseBoolean(p.getProperty("useAgent", "true")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cluster profile " + f + ": " + e.getMessage(), e);
    }
  }
}
