package io.evalstation.slurm.ssh;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Vector;

/**
 * File operations on one SFTP channel: stat, create directories, download a file or a tree (written
 * to a temporary file, then moved; names that would leave the target are skipped), list, and read
 * from an offset. {@link ClusterConnection} runs them with reconnection and round-trip counting.
 */
final class SftpFiles {
  private SftpFiles() {}

  static SftpATTRS stat(ChannelSftp s, String path) throws SftpException {
    try {
      return s.stat(path);
    } catch (SftpException e) {
      if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        return null;
      }
      throw e;
    }
  }

  static void mkdirs(ChannelSftp s, String dir) throws SftpException {
    if (dir == null || dir.isEmpty() || dir.equals("/") || dir.equals(".")) {
      return;
    }
    SftpATTRS a = stat(s, dir);
    if (a != null) {
      if (!a.isDir()) {
        throw new SftpException(ChannelSftp.SSH_FX_FAILURE, dir + " exists and is not a directory");
      }
      return;
    }
    mkdirs(s, parent(dir));
    try {
      s.mkdir(dir);
    } catch (SftpException e) {
      if (stat(s, dir) == null) {
        throw e;
      }
    }
  }

  static String parent(String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    if (slash < 0) {
      return null;
    }
    return slash == 0 ? "/" : p.substring(0, slash);
  }

  static void downloadFile(ChannelSftp s, String remote, Path local)
      throws SftpException, IOException {
    Path parent = local.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, local.getFileName().toString(), ".part");
    try {
      try (InputStream in = s.get(remote)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static void copyTree(ChannelSftp s, String remoteDir, Path localDir, List<Path> out)
      throws SftpException, IOException {
    Vector<?> entries = s.ls(remoteDir);
    Files.createDirectories(localDir);
    for (Object o : entries) {
      ChannelSftp.LsEntry e = (ChannelSftp.LsEntry) o;
      String n = e.getFilename();
      if (n.equals(".") || n.equals("..") || n.contains("/") || n.contains("\\")) {
        continue;
      }
      Path target = localDir.resolve(n).normalize();
      if (!target.startsWith(localDir.normalize())) {
        continue;
      }
      if (e.getAttrs().isDir()) {
        copyTree(s, remoteDir + "/" + n, target, out);
      } else if (!e.getAttrs().isLink()) {
        downloadFile(s, remoteDir + "/" + n, target);
        out.add(target);
      }
    }
  }

  /** The names in a directory (without . and ..), sorted; empty when it does not exist. */
  static List<String> list(ChannelSftp s, String remoteDir) throws SftpException {
    List<String> names = new ArrayList<>();
    try {
      for (Object o : s.ls(remoteDir)) {
        String n = ((ChannelSftp.LsEntry) o).getFilename();
        if (!n.equals(".") && !n.equals("..")) {
          names.add(n);
        }
      }
    } catch (SftpException e) {
      if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        throw e;
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * At most {@code maxBytes} from {@code offset}; a missing file gives an empty chunk with size -1,
   * a file that shrank is read from 0.
   */
  static RemoteChunk readFrom(ChannelSftp s, String remotePath, long offset, int maxBytes)
      throws SftpException, IOException {
    SftpATTRS a = stat(s, remotePath);
    if (a == null) {
      return new RemoteChunk(offset, new byte[0], -1);
    }
    long size = a.getSize();
    long from = offset > size ? 0 : offset;
    int want = (int) Math.min(maxBytes, size - from);
    if (want <= 0) {
      return new RemoteChunk(from, new byte[0], size);
    }
    byte[] data = new byte[want];
    int got = 0;
    try (InputStream in = s.get(remotePath, null, from)) {
      while (got < want) {
        int n = in.read(data, got, want - got);
        if (n < 0) {
          break;
        }
        got += n;
      }
    }
    return new RemoteChunk(from, got == want ? data : Arrays.copyOf(data, got), size);
  }
}
