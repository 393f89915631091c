package io.evalstation.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another local account on this machine: runs commands as {@code nobody} through {@code runuser}
 * (the tests run as root, as the build does). What nobody can do here, any other user of a shared
 * workstation or login node could do.
 */
public final class OtherUser {
  private OtherUser() {}

  /** The output and exit code of a command run as nobody. */
  public record Result(int exit, String output) {}

  /** True when this process may run commands as nobody (root, runuser present). */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", "true").start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command as nobody, with a clean environment, and waits for it. */
  public static Result run(String... command) {
    List<String> full = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
    full.addAll(List.of(command));
    try {
      ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
      pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
      pb.environment().put("HOME", "/nonexistent");
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("as nobody, " + command[0] + " did not finish");
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Lets nobody reach {@code dir}: the test's temporary directory is private (0700), a user's home
   * on a shared machine often is not (0755). Opens {@code dir} and its ancestors for traversal and
   * reading, as such a home is; what Evalstation creates below must protect itself.
   */
  public static void openUpTo(Path dir) {
    try {
      for (Path p = dir.toAbsolutePath(); p != null && p.getParent() != null; p = p.getParent()) {
        if (Files.getOwner(p).getName().equals("root")) {
          var perms = Files.getPosixFilePermissions(p);
          perms.addAll(PosixFilePermissions.fromString("r-xr-xr-x"));
          Files.setPosixFilePermissions(p, perms);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
