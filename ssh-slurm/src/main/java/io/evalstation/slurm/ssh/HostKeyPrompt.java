package io.evalstation.slurm.ssh;

/**
 * Asks the user whether to trust a host key seen for the first time. Called only for unknown hosts;
 * a changed key is refused without asking.
 */
@FunctionalInterface
public interface HostKeyPrompt {
  /** Refuses every unknown host. */
  HostKeyPrompt REJECT = (host, keyType, fingerprint) -> false;

  /**
   * @param host the host as recorded in known_hosts ({@code example.org} or {@code [h]:2222})
   * @param keyType {@code ssh-ed25519}, {@code ssh-rsa}, …
   * @param sha256Fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64
   * @return true to trust the key (it is then appended to known_hosts)
   */
  boolean acceptUnknownHost(String host, String keyType, String sha256Fingerprint);
}
