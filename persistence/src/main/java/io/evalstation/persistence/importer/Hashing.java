package io.evalstation.persistence.importer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. */
final class Hashing {
  private Hashing() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  static String sha256(String text) {
    return hex(sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A 64-bit key for {@code pg_advisory_xact_lock} from a text identity. */
  static long lockKey(String identity) {
    byte[] d = sha256().digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (d[i] & 0xff);
    }
    return k;
  }
}
