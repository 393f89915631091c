package io.evalstation.persistence.config;

import io.evalstation.persistence.export.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories only their owner may read: Evalstation's config and data directories
 * (0700), settings and secrets (0600). On a shared workstation or login node other accounts must
 * not read what Evalstation keeps, nor plant what it runs. Without POSIX permissions (Windows) the
 * user's profile directories are private already and these checks do nothing.
 */
public final class PrivateFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

  /** rwx------ */
  public static final Set<PosixFilePermission> DIRECTORY =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  /** rw------- */
  public static final Set<PosixFilePermission> FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private PrivateFiles() {}

  /** True when the file system of {@code path} has POSIX owners and permissions. */
  public static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code dir} (and missing parents) as 0700, or makes an existing one 0700. Refuses a
   * directory that belongs to someone else or is a symbolic link: another user could have put it
   * there for us to fill.
   */
  public static Path directory(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (!posix(abs)) {
      return Files.createDirectories(abs);
    }
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = abs.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        directory(parent);
      }
      try {
        Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } catch (FileAlreadyExistsException e) {
        // created meanwhile by another process: checked below like any existing directory
      }
    }
    requireOwnDirectory(abs);
    PosixFileAttributes attrs = attributes(abs);
    if (!attrs.permissions().equals(DIRECTORY)) {
      LOG.info(
          "making {} private (was {})", abs, PosixFilePermissions.toString(attrs.permissions()));
      Files.setPosixFilePermissions(abs, DIRECTORY);
    }
    return abs;
  }

  /** Fails unless {@code dir} is a real directory (no link) of the current user. */
  public static void requireOwnDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          dir + " is not a directory" + (Files.isSymbolicLink(dir) ? " (a symbolic link)" : ""));
    }
    if (posix(dir) && !ownedByMe(dir)) {
      throw new IOException(
          dir
              + " belongs to "
              + Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
              + ", not to "
              + System.getProperty("user.name")
              + ": remove it or choose another directory");
    }
  }

  /** True when the current user owns {@code path} (the link itself for a link). */
  public static boolean ownedByMe(Path path) throws IOException {
    UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
    return owner.getName().equals(System.getProperty("user.name"));
  }

  /** True when someone other than the owner may read, write or enter {@code path}. */
  public static boolean openToOthers(Path path) throws IOException {
    return posix(path)
        && attributes(path).permissions().stream().anyMatch(GROUP_OR_OTHERS::contains);
  }

  /** True when someone other than the owner may write {@code path}. */
  public static boolean writableByOthers(Path path) throws IOException {
    if (!posix(path)) {
      return false;
    }
    Set<PosixFilePermission> p = attributes(path).permissions();
    return p.contains(PosixFilePermission.GROUP_WRITE)
        || p.contains(PosixFilePermission.OTHERS_WRITE);
  }

  /** Makes an existing file of the current user 0600; a file of someone else is left alone. */
  public static void tighten(Path file) throws IOException {
    if (posix(file)
        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && ownedByMe(file)
        && openToOthers(file)) {
      LOG.info("making {} private (readable by others until now)", file);
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /**
   * Writes {@code target} completely or not at all ({@link AtomicFiles}), private: 0600 in a
   * directory made private first.
   */
  public static void write(Path target, AtomicFiles.Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    directory(abs.getParent());
    AtomicFiles.write(abs, body);
    if (posix(abs)) {
      Files.setPosixFilePermissions(abs, FILE);
    }
  }

  private static PosixFileAttributes attributes(Path path) throws IOException {
    return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .readAttributes();
  }
}
