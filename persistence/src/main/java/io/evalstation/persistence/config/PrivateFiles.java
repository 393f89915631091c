package io.evalstation.persistence.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
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

  /** Writes the body of a private file. */
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} as 0600, completely or not at all: a private temporary file beside it,
   * moved into place. The directory is made private first.
   */
  public static void write(Path target, Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = directory(abs.getParent());
    FileAttribute<?>[] attrs =
        posix(dir)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
            : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part", attrs);
    boolean done = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        body.writeTo(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static PosixFileAttributes attributes(Path path) throws IOException {
    return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .readAttributes();
  }
}
