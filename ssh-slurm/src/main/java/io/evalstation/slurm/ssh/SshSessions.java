package io.evalstation.slurm.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Vector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the JSch sessions of one cluster profile: the target resolved through {@code
 * ~/.ssh/config}, a jump host by a local port forward (the target's key checked under its real
 * name), host keys checked strictly against known_hosts ({@link HostKeys}), keys from files
 * (passphrases through the prompt, wiped after use) and then from ssh-agent; never a password.
 */
final class SshSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);

  /**
   * An open session.
   *
   * @param session the session to the cluster
   * @param jump the session to the jump host carrying it, or null
   * @param route how it went, e.g. {@code alice@[login]:2200 via alice@bastion}
   */
  record Opened(Session session, Session jump, String route) {}

  private final ClusterProfile profile;
  private final SshOptions options;

  SshSessions(ClusterProfile profile, SshOptions options) {
    this.profile = profile;
    this.options = options;
  }

  /** The known_hosts file checked and added to: the profile's, else the options' default. */
  static Path knownHostsFile(ClusterProfile profile, SshOptions options) {
    return profile.knownHostsFile() != null
        ? profile.knownHostsFile()
        : options.defaultKnownHosts();
  }

  /**
   * Opens a session to the profile's host (through its jump host, if any), host key checked and
   * authenticated.
   */
  Opened open() {
    ClusterProfile.Endpoint target = profile.resolve(options.sshConfig());
    Path knownHosts = knownHostsFile(profile, options);
    JSch jsch = new JSch();
    HostKeys hostKeys;
    try {
      if (Files.isRegularFile(knownHosts)) {
        jsch.setKnownHosts(knownHosts.toString());
      }
      hostKeys = new HostKeys(jsch.getHostKeyRepository(), knownHosts, options.hostKeyPrompt());
      jsch.setHostKeyRepository(hostKeys);
      jsch.setIdentityRepository(identities(target.identityFiles()));
    } catch (JSchException e) {
      throw new ClusterException(
          profile.name() + ": cannot read " + knownHosts + ": " + e.getMessage(), e);
    }
    String where = target.user() + "@" + target.knownHostsName();
    Session jump = null;
    try {
      Session s;
      if (target.jump() != null) {
        ClusterProfile.Endpoint j = target.jump();
        jump = configure(jsch.getSession(j.user(), j.host(), j.port()));
        jump.connect((int) options.connectTimeout().toMillis());
        int localPort = jump.setPortForwardingL("127.0.0.1", 0, target.host(), target.port());
        s = configure(jsch.getSession(target.user(), "127.0.0.1", localPort));
        s.setHostKeyAlias(target.knownHostsName());
        where += " via " + j.user() + "@" + j.knownHostsName();
      } else {
        s = configure(jsch.getSession(target.user(), target.host(), target.port()));
      }
      s.connect((int) options.connectTimeout().toMillis());
      LOG.debug("{}: connected to {}", profile.name(), where);
      return new Opened(s, jump, where);
    } catch (JSchException e) {
      if (jump != null) {
        jump.disconnect();
      }
      String refusal = hostKeys.refusal();
      if (e instanceof JSchChangedHostKeyException
          || e instanceof JSchUnknownHostKeyException
          || e instanceof JSchHostKeyException
          || refusal != null && e.getMessage().contains("HostKey")) {
        throw new HostKeyException(
            profile.name() + ": " + (refusal != null ? refusal : e.getMessage()), e);
      }
      throw new ClusterException(
          profile.name() + ": cannot connect to " + where + ": " + e.getMessage(), e);
    }
  }

  private Session configure(Session s) throws JSchException {
    s.setConfig("StrictHostKeyChecking", "yes");
    s.setConfig("PreferredAuthentications", "publickey");
    s.setConfig("HashKnownHosts", "no");
    s.setServerAliveInterval((int) options.keepAlive().toMillis());
    s.setServerAliveCountMax(3);
    return s;
  }

  /** File keys first (decrypted through the prompt), then ssh-agent's keys when allowed. */
  private IdentityRepository identities(List<Path> files) throws JSchException {
    JSch local = new JSch();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        if (profile.identityFile() != null && f.equals(profile.identityFile())) {
          throw new ClusterException(profile.name() + ": identity file " + f + " does not exist");
        }
        continue;
      }
      KeyPair kp;
      try {
        kp = KeyPair.load(local, f.toString());
      } catch (JSchException e) {
        LOG.warn("{}: cannot read key {}: {}", profile.name(), f, e.getMessage());
        continue;
      }
      if (!kp.isEncrypted()) {
        local.addIdentity(f.toString());
        continue;
      }
      for (int attempt = 1; attempt <= 3; attempt++) {
        char[] pass = options.passphrasePrompt().passphrase(f, attempt);
        if (pass == null) {
          break;
        }
        byte[] bytes = toBytes(pass);
        Arrays.fill(pass, '\0');
        try {
          if (kp.decrypt(bytes)) {
            local.addIdentity(f.toString(), bytes);
            break;
          }
          LOG.info("{}: wrong passphrase for {}", profile.name(), f);
        } finally {
          Arrays.fill(bytes, (byte) 0);
        }
      }
      kp.dispose();
    }
    IdentityRepository fileRepo = local.getIdentityRepository();
    IdentityRepository agent = profile.useAgent() ? agent() : null;
    if (agent == null) {
      return fileRepo;
    }
    return new CombinedIdentities(fileRepo, agent);
  }

  private IdentityRepository agent() {
    String sock =
        options.agentSocket() != null
            ? options.agentSocket().toString()
            : System.getenv("SSH_AUTH_SOCK");
    if (sock == null || sock.isBlank()) {
      return null;
    }
    try {
      AgentIdentityRepository repo =
          new AgentIdentityRepository(
              new SSHAgentConnector(new UnixDomainSocketFactory(), Path.of(sock)));
      if (repo.getStatus() != IdentityRepository.RUNNING) {
        return null;
      }
      return repo;
    } catch (Exception e) {
      LOG.info("{}: ssh-agent at {} not usable: {}", profile.name(), sock, e.getMessage());
      return null;
    }
  }

  private static byte[] toBytes(char[] chars) {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] b = Arrays.copyOf(bb.array(), bb.limit());
    Arrays.fill(bb.array(), (byte) 0);
    return b;
  }

  /** Offers file identities first, then the agent's; never adds keys to the agent. */
  private static final class CombinedIdentities implements IdentityRepository {
    private final IdentityRepository files;
    private final IdentityRepository agent;

    CombinedIdentities(IdentityRepository files, IdentityRepository agent) {
      this.files = files;
      this.agent = agent;
    }

    @Override
    public String getName() {
      return "evalstation-files+agent";
    }

    @Override
    public int getStatus() {
      return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
      Vector<Identity> v = new Vector<>(files.getIdentities());
      try {
        v.addAll(agent.getIdentities());
      } catch (RuntimeException e) {
        LOG.info("ssh-agent did not list its keys: {}", e.getMessage());
      }
      return v;
    }

    @Override
    public boolean add(byte[] identity) {
      return false;
    }

    @Override
    public boolean remove(byte[] blob) {
      return false;
    }

    @Override
    public void removeAll() {}
  }
}
