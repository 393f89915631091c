package io.evalstation.persistence.db;

import io.evalstation.persistence.config.PrivateFiles;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries the embedded server runs, unpacked from the archive the binaries jar
 * ships into {@code <runtime>/PG-<sha256 of the archive>}: a private (0700) directory, unpacked
 * into a temporary directory and moved into place when complete, with a manifest of every file's
 * SHA-256. Before each use the directory is checked: owned by this user, nothing in it writable by
 * others, every file as the manifest says, nothing added. A directory that fails the check (planted
 * while an older version left it world-writable, changed in place, half unpacked) is never run: it
 * is removed and the binaries are unpacked afresh.
 */
final class PgBinaries {
  private static final Logger LOG = LoggerFactory.getLogger(PgBinaries.class);
  private static final String MANIFEST = ".evalstation-manifest";
  private static final String VERIFIED = ".evalstation-verified";
  private static final String UNPACKING = ".unpacking-";
  private static final String REJECTED = ".rejected-";
  private static final Object JVM_LOCK = new Object();

  private final Path home;

  private PgBinaries(Path home) {
    this.home = home;
  }

  /** The directory the binaries are in. */
  Path home() {
    return home;
  }

  /** A program in {@code bin/}. */
  Path program(String name) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    return home.resolve("bin").resolve(windows ? name + ".exe" : name);
  }

  /**
   * The checked binaries under {@code runtimeDirectory}, unpacked if missing or not trustworthy.
   * Several processes may call this at once: one unpacks, the others wait for it.
   */
  static PgBinaries prepare(Path runtimeDirectory) throws IOException {
    Path runtime = PrivateFiles.directory(runtimeDirectory);
    byte[] archive = archive();
    String digest = HexFormat.of().formatHex(sha256().digest(archive));
    Path home = runtime.resolve("PG-" + digest.substring(0, 32));
    synchronized (JVM_LOCK) {
      try (FileChannel lockFile =
              FileChannel.open(
                  runtime.resolve("unpack.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        removeLeftovers(runtime);
        if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
          Optional<String> problem = check(home);
          if (problem.isEmpty()) {
            return new PgBinaries(home);
          }
          LOG.warn(
              "the PostgreSQL binaries in {} are not used: {}; unpacking afresh", home, problem);
          discard(home);
        }
        unpack(archive, runtime, home);
        return new PgBinaries(home);
      }
    }
  }

  /**
   * Why {@code home} cannot be trusted, or empty when it can. A file is hashed unless its inode,
   * change time and size are those recorded when it last matched its digest: no one but root can
   * change a file, its owner or its mode without changing its change time.
   */
  static Optional<String> check(Path home) throws IOException {
    if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("not a directory");
    }
    Path manifestFile = home.resolve(MANIFEST);
    Path stampsFile = home.resolve(VERIFIED);
    for (Path own : List.of(home, manifestFile, stampsFile)) {
      if (Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
        Optional<String> problem = ownership(home, own);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("no manifest (unpacked by an older Evalstation, or not completely)");
    }
    Map<String, String> expected = tabSeparated(manifestFile);
    Map<String, String> stamps =
        Files.isRegularFile(stampsFile, LinkOption.NOFOLLOW_LINKS)
            ? tabSeparated(stampsFile)
            : Map.of();
    Map<String, String> newStamps = new TreeMap<>();
    List<Path> entries;
    try (Stream<Path> s = Files.walk(home)) {
      entries = s.toList();
    }
    boolean hashed = false;
    boolean posix = PrivateFiles.posix(home);
    Object me = posix ? Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS) : null;
    MessageDigest sha = sha256();
    for (Path p : entries) {
      if (p.equals(home) || p.equals(manifestFile) || p.equals(stampsFile)) {
        continue;
      }
      String rel = relative(home, p);
      String stamp = "unknown-" + System.nanoTime(); // never equal to a recorded one
      if (posix) {
        Map<String, Object> a =
            Files.readAttributes(p, "unix:uid,mode,ino,ctime,size", LinkOption.NOFOLLOW_LINKS);
        if (!me.equals(a.get("uid"))) {
          return Optional.of(rel + " belongs to another user");
        }
        boolean link = Files.isSymbolicLink(p);
        if (!link && ((Integer) a.get("mode") & 022) != 0) {
          return Optional.of(rel + " is writable by other users");
        }
        stamp =
            a.get("ino")
                + ":"
                + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS)
                + ":"
                + a.get("size");
      }
      String want = expected.get(rel);
      if (want == null) {
        return Optional.of(rel + " was added");
      }
      newStamps.put(rel, stamp);
      if (stamp.equals(stamps.get(rel))) {
        continue;
      }
      hashed = true;
      String have =
          Files.isSymbolicLink(p)
              ? "link:" + Files.readSymbolicLink(p)
              : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : fileDigest(p, sha);
      if (!have.equals(want)) {
        return Optional.of(rel + " differs from what Evalstation unpacked");
      }
    }
    if (newStamps.size() != expected.size()) {
      return Optional.of((expected.size() - newStamps.size()) + " files are missing");
    }
    if (hashed && posix) {
      StringBuilder out = new StringBuilder();
      newStamps.forEach((rel, stamp) -> out.append(stamp).append('\t').append(rel).append('\n'));
      PrivateFiles.write(stampsFile, o -> o.write(out.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  /** Why {@code p} is not this user's alone, or empty. */
  private static Optional<String> ownership(Path home, Path p) throws IOException {
    if (PrivateFiles.posix(p) && !PrivateFiles.ownedByMe(p)) {
      return Optional.of(home.relativize(p) + " belongs to another user");
    }
    if (!Files.isSymbolicLink(p) && PrivateFiles.writableByOthers(p)) {
      return Optional.of(home.relativize(p) + " is writable by other users");
    }
    return Optional.empty();
  }

  /** A file of {@code value<TAB>key} lines as a map from key to value. */
  private static Map<String, String> tabSeparated(Path file) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        map.put(line.substring(tab + 1), line.substring(0, tab));
      }
    }
    return map;
  }

  /** The archive of the binaries for this system, as the binaries jar ships it. */
  private static byte[] archive() throws IOException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String system = os.startsWith("win") ? "Windows" : os.startsWith("mac") ? "Darwin" : "Linux";
    String arch = ArchUtils.normalize(System.getProperty("os.arch"));
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
      if (in == null) {
        throw new IOException("no PostgreSQL binaries for " + system + " " + arch + " are bundled");
      }
      return in.readAllBytes();
    }
  }

  private static void unpack(byte[] archive, Path runtime, Path home) throws IOException {
    long started = System.nanoTime();
    Path tmp =
        PrivateFiles.posix(runtime)
            ? Files.createTempDirectory(
                runtime, UNPACKING, PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY))
            : Files.createTempDirectory(runtime, UNPACKING);
    boolean done = false;
    try {
      List<String> manifest = new ArrayList<>();
      MessageDigest sha = sha256();
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          Path target = tmp.resolve(e.getName()).normalize();
          if (!target.startsWith(tmp)) {
            throw new IOException("archive entry " + e.getName() + " points outside " + tmp);
          }
          if (target.equals(tmp)) {
            continue;
          }
          String rel = relative(tmp, target);
          directories(tmp, target.getParent(), manifest);
          if (e.isDirectory()) {
            directories(tmp, target, manifest);
          } else if (e.isSymbolicLink()) {
            Path linkTarget = Path.of(e.getLinkName());
            if (linkTarget.isAbsolute()
                || !target.resolveSibling(linkTarget).normalize().startsWith(tmp)) {
              throw new IOException("archive link " + e.getName() + " points outside " + tmp);
            }
            Files.createSymbolicLink(target, linkTarget);
            manifest.add("link:" + linkTarget + "\t" + rel);
          } else if (e.isFile() || e.isLink()) {
            sha.reset();
            try (OutputStream out =
                new DigestOutputStream(
                    Files.newOutputStream(target, StandardOpenOption.CREATE_NEW), sha)) {
              if (e.isLink()) {
                Path original = tmp.resolve(e.getLinkName()).normalize();
                if (!original.startsWith(tmp) || !Files.isRegularFile(original)) {
                  throw new IOException("archive hard link " + e.getName() + " has no target");
                }
                Files.copy(original, out);
              } else {
                tar.transferTo(out);
              }
            }
            manifest.add(HexFormat.of().formatHex(sha.digest()) + "\t" + rel);
            boolean executable = (e.getMode() & 0111) != 0 || rel.startsWith("bin/");
            if (PrivateFiles.posix(target)) {
              Files.setPosixFilePermissions(
                  target, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
            }
          } else {
            throw new IOException("archive entry " + e.getName() + " is of an unknown kind");
          }
        }
      }
      Files.write(tmp.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
      Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
      done = true;
      LOG.info(
          "unpacked PostgreSQL into {} in {} ms", home, (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw new IOException(
          "cannot unpack the PostgreSQL binaries into " + runtime + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        deleteTree(tmp);
      }
    }
  }

  /** Creates the directories from {@code root} down to {@code dir}, private, and lists them. */
  private static void directories(Path root, Path dir, List<String> manifest) throws IOException {
    if (dir.equals(root) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    directories(root, dir.getParent(), manifest);
    manifest.add("dir\t" + relative(root, dir));
    if (PrivateFiles.posix(dir)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY));
    } else {
      Files.createDirectory(dir);
    }
  }

  /** Half-unpacked or rejected directories of earlier runs (this process holds the lock). */
  private static void removeLeftovers(Path runtime) throws IOException {
    try (Stream<Path> s = Files.list(runtime)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(UNPACKING) || name.contains(REJECTED)) {
          deleteTree(p);
        }
      }
    }
  }

  /** Moves an untrusted directory out of the way (it is never run) and removes what it can. */
  private static void discard(Path home) throws IOException {
    Path aside = home.resolveSibling(home.getFileName() + REJECTED + System.nanoTime());
    Files.move(home, aside, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(aside);
  }

  /** Removes a directory tree as far as it can (a warning for what stays). */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot remove {} completely: {}", root, e.getMessage());
    }
  }

  private static String fileDigest(Path file, MessageDigest sha) throws IOException {
    sha.reset();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
