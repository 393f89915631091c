package io.evalstation.slurm.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strict host-key checking over a known_hosts file: a known key passes, an unknown one goes to a
 * {@link HostKeyPrompt} (and is appended to the file when accepted), a changed one is refused and
 * remembered so that the error can name both fingerprints.
 */
final class HostKeys implements HostKeyRepository {
  private static final Logger LOG = LoggerFactory.getLogger(HostKeys.class);

  private final HostKeyRepository known;
  private final Path file;
  private final HostKeyPrompt prompt;
  private final java.util.Set<String> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile String refusal;

  HostKeys(HostKeyRepository known, Path file, HostKeyPrompt prompt) {
    this.known = known;
    this.file = file;
    this.prompt = prompt;
  }

  /** Why the last check refused a key, or null. */
  String refusal() {
    return refusal;
  }

  void clearRefusal() {
    refusal = null;
  }

  /** The OpenSSH SHA256 fingerprint of a key blob: {@code SHA256:} and unpadded base64. */
  static String fingerprint(byte[] blob) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  @Override
  public int check(String host, byte[] key) {
    int r = known.check(host, key);
    String type;
    try {
      type = new HostKey(host, key).getType();
    } catch (JSchException e) {
      refusal = "host " + host + " sent a key of an unknown type";
      return NOT_INCLUDED;
    }
    String fp = fingerprint(key);
    if (r == OK) {
      return OK;
    }
    if (r == CHANGED) {
      List<String> old = new ArrayList<>();
      for (HostKey k : known.getHostKey(host, type)) {
        old.add(fingerprint(Base64.getDecoder().decode(k.getKey())));
      }
      refusal =
          "REFUSED: the "
              + type
              + " host key of "
              + host
              + " has CHANGED: known_hosts ("
              + file
              + ") has "
              + String.join(", ", old)
              + " but the server offered "
              + fp
              + ". This may be an attack (or the server was reinstalled); if the change is expected,"
              + " remove the old line from "
              + file
              + " and connect again.";
      LOG.warn(refusal);
      return CHANGED;
    }
    if (accepted.contains(host + " " + fp)) {
      return OK;
    }
    if (prompt.acceptUnknownHost(host, type, fp)) {
      try {
        // appended by us, not through JSch's add(), which would rewrite the whole file
        append(host, type, key);
        accepted.add(host + " " + fp);
      } catch (IOException e) {
        refusal = "cannot record the host key of " + host + " in " + file + ": " + e.getMessage();
        return NOT_INCLUDED;
      }
      LOG.info("accepted and recorded host key {} {} of {} in {}", type, fp, host, file);
      return OK;
    }
    refusal = "host " + host + " is unknown and its " + type + " key " + fp + " was not accepted";
    return NOT_INCLUDED;
  }

  private void append(String host, String type, byte[] key) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    String line = host + " " + type + " " + Base64.getEncoder().encodeToString(key) + "\n";
    boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
    Files.writeString(
        file,
        (needsNewline ? "\n" : "") + line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static boolean endsWithNewline(Path f) throws IOException {
    byte[] b = Files.readAllBytes(f);
    return b.length == 0 || b[b.length - 1] == '\n';
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    throw new UnsupportedOperationException("host keys are only added after the user accepts them");
  }

  @Override
  public void remove(String host, String type) {
    throw new UnsupportedOperationException("Evalstation never removes host keys");
  }

  @Override
  public void remove(String host, String type, byte[] key) {
    throw new UnsupportedOperationException("Evalstation never removes host keys");
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return file.toString();
  }

  @Override
  public HostKey[] getHostKey() {
    return known.getHostKey();
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return known.getHostKey(host, type);
  }
}
