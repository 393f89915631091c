package io.evalstation.slurm.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link ClusterConnection}s connect, whatever the cluster: who is asked about unknown host
 * keys and key passphrases, the OpenSSH configuration and known_hosts to use, timeouts, how often
 * to try again, and which ssh-agent. Validated on construction.
 *
 * @param hostKeyPrompt asked about unknown hosts
 * @param passphrasePrompt asked for passphrases of encrypted keys
 * @param sshConfig the OpenSSH configuration to resolve aliases with
 * @param defaultKnownHosts the known_hosts used when the profile names none
 * @param connectTimeout per connection attempt
 * @param keepAlive interval of keep-alive messages (3 missed answers drop the connection)
 * @param reconnectAttempts attempts before giving up (backoff 0.5 s, 1 s, 2 s, … capped at 8 s)
 * @param agentSocket the ssh-agent socket, null for {@code SSH_AUTH_SOCK}
 */
public record SshOptions(
    HostKeyPrompt hostKeyPrompt,
    PassphrasePrompt passphrasePrompt,
    SshConfig sshConfig,
    Path defaultKnownHosts,
    Duration connectTimeout,
    Duration keepAlive,
    int reconnectAttempts,
    Path agentSocket) {
  public SshOptions {
    Objects.requireNonNull(hostKeyPrompt, "hostKeyPrompt");
    Objects.requireNonNull(passphrasePrompt, "passphrasePrompt");
    Objects.requireNonNull(sshConfig, "sshConfig");
    Objects.requireNonNull(defaultKnownHosts, "defaultKnownHosts");
    if (reconnectAttempts < 1) {
      throw new IllegalArgumentException(
          "reconnect attempts " + reconnectAttempts + " must be at least 1");
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || keepAlive.isNegative()
        || keepAlive.isZero()) {
      throw new IllegalArgumentException(
          "connect timeout "
              + connectTimeout
              + " and keep-alive "
              + keepAlive
              + " must be positive");
    }
  }

  /** Options using the ssh-agent named by {@code SSH_AUTH_SOCK}. */
  public SshOptions(
      HostKeyPrompt hostKeyPrompt,
      PassphrasePrompt passphrasePrompt,
      SshConfig sshConfig,
      Path defaultKnownHosts,
      Duration connectTimeout,
      Duration keepAlive,
      int reconnectAttempts) {
    this(
        hostKeyPrompt,
        passphrasePrompt,
        sshConfig,
        defaultKnownHosts,
        connectTimeout,
        keepAlive,
        reconnectAttempts,
        null);
  }

  /** The user's ~/.ssh/config and ~/.ssh/known_hosts, 15 s timeouts, 6 attempts (~16 s). */
  public static SshOptions defaults(
      HostKeyPrompt hostKeyPrompt, PassphrasePrompt passphrasePrompt) {
    return new SshOptions(
        hostKeyPrompt,
        passphrasePrompt,
        SshConfig.loadDefault(),
        Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
        Duration.ofSeconds(15),
        Duration.ofSeconds(15),
        6,
        null);
  }

  /** These options with another known_hosts default. */
  public SshOptions withDefaultKnownHosts(Path file) {
    return with(c -> c.defaultKnownHosts = file);
  }

  /** These options with another SSH configuration. */
  public SshOptions withSshConfig(SshConfig config) {
    return with(c -> c.sshConfig = config);
  }

  /** These options with another number of attempts. */
  public SshOptions withReconnectAttempts(int attempts) {
    return with(c -> c.reconnectAttempts = attempts);
  }

  /** These options with another host-key prompt. */
  public SshOptions withHostKeyPrompt(HostKeyPrompt prompt) {
    return with(c -> c.hostKeyPrompt = prompt);
  }

  /** These options with another passphrase prompt. */
  public SshOptions withPassphrasePrompt(PassphrasePrompt prompt) {
    return with(c -> c.passphrasePrompt = prompt);
  }

  /** These options with an explicit ssh-agent socket (instead of {@code SSH_AUTH_SOCK}). */
  public SshOptions withAgentSocket(Path socket) {
    return with(c -> c.agentSocket = socket);
  }

  private SshOptions with(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** A copy of the values being changed by one of the {@code with} methods. */
  private static final class Copy {
    HostKeyPrompt hostKeyPrompt;
    PassphrasePrompt passphrasePrompt;
    SshConfig sshConfig;
    Path defaultKnownHosts;
    Duration connectTimeout;
    Duration keepAlive;
    int reconnectAttempts;
    Path agentSocket;

    Copy(SshOptions o) {
      hostKeyPrompt = o.hostKeyPrompt;
      passphrasePrompt = o.passphrasePrompt;
      sshConfig = o.sshConfig;
      defaultKnownHosts = o.defaultKnownHosts;
      connectTimeout = o.connectTimeout;
      keepAlive = o.keepAlive;
      reconnectAttempts = o.reconnectAttempts;
      agentSocket = o.agentSocket;
    }

    SshOptions build() {
      return new SshOptions(
          hostKeyPrompt,
          passphrasePrompt,
          sshConfig,
          defaultKnownHosts,
          connectTimeout,
          keepAlive,
          reconnectAttempts,
          agentSocket);
    }
  }
}
