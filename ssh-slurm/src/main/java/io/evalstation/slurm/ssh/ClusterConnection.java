package io.evalstation.slurm.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
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
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH connection to one cluster, shared by every command and file transfer: a single JSch
 * session (kept alive) carrying exec channels and one SFTP channel. When the connection drops it is
 * opened again, with exponential backoff, on the next use. Host keys are always checked strictly
 * (see {@link HostKeyPrompt}); keys come from files (passphrases through a {@link
 * PassphrasePrompt}) or from ssh-agent; passwords are never used.
 *
 * <p>Thread-safe: exec calls may run in parallel; SFTP calls are serialised.
 */
public final class ClusterConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);

  private final ClusterProfile profile;
  private final Options options;
  private final Object sessionLock = new Object();
  private final Object sftpLock = new Object();
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicInteger connects = new AtomicInteger();
  private Session session;
  private Session jumpSession;
  private volatile String route;
  private ChannelSftp sftp;
  private volatile boolean closed;

  /**
   * Connection settings.
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
  public record Options(
      HostKeyPrompt hostKeyPrompt,
      PassphrasePrompt passphrasePrompt,
      SshConfig sshConfig,
      Path defaultKnownHosts,
      Duration connectTimeout,
      Duration keepAlive,
      int reconnectAttempts,
      Path agentSocket) {
    public Options {
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
    public Options(
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
    public static Options defaults(HostKeyPrompt hostKeyPrompt, PassphrasePrompt passphrasePrompt) {
      return new Options(
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
    public Options withDefaultKnownHosts(Path file) {
      return new Options(
          hostKeyPrompt,
          passphrasePrompt,
          sshConfig,
          file,
          connectTimeout,
          keepAlive,
          reconnectAttempts,
          agentSocket);
    }

    /** These options with another SSH configuration. */
    public Options withSshConfig(SshConfig config) {
      return new Options(
          hostKeyPrompt,
          passphrasePrompt,
          config,
          defaultKnownHosts,
          connectTimeout,
          keepAlive,
          reconnectAttempts,
          agentSocket);
    }

    /** These options with another number of attempts. */
    public Options withReconnectAttempts(int attempts) {
      return new Options(
          hostKeyPrompt,
          passphrasePrompt,
          sshConfig,
          defaultKnownHosts,
          connectTimeout,
          keepAlive,
          attempts,
          agentSocket);
    }

    /** These options with another host-key prompt. */
    public Options withHostKeyPrompt(HostKeyPrompt prompt) {
      return new Options(
          prompt,
          passphrasePrompt,
          sshConfig,
          defaultKnownHosts,
          connectTimeout,
          keepAlive,
          reconnectAttempts,
          agentSocket);
    }

    /** These options with another passphrase prompt. */
    public Options withPassphrasePrompt(PassphrasePrompt prompt) {
      return new Options(
          hostKeyPrompt,
          prompt,
          sshConfig,
          defaultKnownHosts,
          connectTimeout,
          keepAlive,
          reconnectAttempts,
          agentSocket);
    }

    /** These options with an explicit ssh-agent socket (instead of {@code SSH_AUTH_SOCK}). */
    public Options withAgentSocket(Path socket) {
      return new Options(
          hostKeyPrompt,
          passphrasePrompt,
          sshConfig,
          defaultKnownHosts,
          connectTimeout,
          keepAlive,
          reconnectAttempts,
          socket);
    }
  }

  /** A connection that opens lazily, on the first command. */
  public ClusterConnection(ClusterProfile profile, Options options) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The profile this connection serves. */
  public ClusterProfile profile() {
    return profile;
  }

  /** The known_hosts file checked and added to. */
  public Path knownHostsFile() {
    return profile.knownHostsFile() != null
        ? profile.knownHostsFile()
        : options.defaultKnownHosts();
  }

  /** Remote operations so far (one per command, one per SFTP operation). */
  public long roundTrips() {
    return roundTrips.get();
  }

  /** How many times an SSH session was established (1 + reconnects). */
  public int connectCount() {
    return connects.get();
  }

  /** Opens the connection now (it is otherwise opened by the first operation). */
  public void connect() {
    session();
  }

  /**
   * How the last connection went, e.g. {@code alice@[login]:2200 via alice@bastion}; null before
   * the first connection.
   */
  public String route() {
    return route;
  }

  /** True when the SSH session is currently up. */
  public boolean isConnected() {
    synchronized (sessionLock) {
      return session != null && session.isConnected();
    }
  }

  /** Runs a command with a 10-minute limit; see {@link #exec(String, Duration)}. */
  public CommandResult exec(String command) {
    return exec(command, Duration.ofMinutes(10));
  }

  /**
   * Runs {@code command} through the login shell of the remote user and waits for it. Every value
   * inside {@code command} must already be quoted ({@link io.evalstation.slurm.ShellQuote}). When
   * the channel cannot even be opened (a dropped connection) the connection is re-established and
   * the command sent once more; a command that was sent is never repeated.
   */
  public CommandResult exec(String command, Duration timeout) {
    roundTrips.incrementAndGet();
    Exec ch;
    Session used;
    try {
      used = session();
      ch = openExec(used, command);
    } catch (JSchException first) {
      LOG.info("{}: cannot open a channel ({}), reconnecting", profile.name(), first.getMessage());
      dropSession();
      try {
        used = session();
        ch = openExec(used, command);
      } catch (JSchException e) {
        throw new ClusterException(profile.name() + ": cannot run a command: " + e.getMessage(), e);
      }
    }
    try {
      return collect(used, ch, command, timeout);
    } catch (IOException e) {
      throw new ClusterException(
          profile.name()
              + ": connection lost while running '"
              + abbreviate(command)
              + "': "
              + e.getMessage(),
          e);
    } finally {
      ch.channel().disconnect();
    }
  }

  /**
   * An exec channel with its streams; the streams must be taken before connect() or early output is
   * lost.
   */
  private record Exec(ChannelExec channel, InputStream out, InputStream err) {}

  private Exec openExec(Session s, String command) throws JSchException {
    ChannelExec ch = (ChannelExec) s.openChannel("exec");
    ch.setCommand(command);
    ch.setInputStream(null);
    try {
      InputStream out = ch.getInputStream();
      InputStream err = ch.getExtInputStream();
      ch.connect((int) options.connectTimeout().toMillis());
      return new Exec(ch, out, err);
    } catch (IOException e) {
      ch.disconnect();
      throw new JSchException("cannot set up the channel's streams: " + e.getMessage(), e);
    }
  }

  private CommandResult collect(Session s, Exec exec, String command, Duration timeout)
      throws IOException {
    ChannelExec ch = exec.channel();
    InputStream out = exec.out();
    InputStream err = exec.err();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean read = drain(out, o, buf) | drain(err, e, buf);
      if (ch.isClosed() && out.available() == 0 && err.available() == 0) {
        break;
      }
      if (!s.isConnected() && !ch.isClosed()) {
        throw new IOException("the SSH session closed");
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException(
            profile.name() + ": '" + abbreviate(command) + "' did not finish within " + timeout);
      }
      if (!read) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new ClusterException(profile.name() + ": interrupted while running a command", ie);
        }
      }
    }
    if (ch.getExitStatus() == -1) {
      // sshd went away mid-command: no exit status was sent. Report a lost connection, not a
      // failed command, so that callers treat it as such (a poll retries on its next round).
      throw new IOException("the channel closed without an exit status");
    }
    return new CommandResult(
        command,
        ch.getExitStatus(),
        o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  private static boolean drain(InputStream in, ByteArrayOutputStream to, byte[] buf)
      throws IOException {
    boolean any = false;
    while (in.available() > 0) {
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        break;
      }
      to.write(buf, 0, n);
      any = true;
    }
    return any;
  }

  /** Writes {@code content} to {@code remotePath}, creating its directories. */
  public void upload(byte[] content, String remotePath) {
    withSftp(
        "upload to " + remotePath,
        s -> {
          mkdirs(s, parent(remotePath));
          s.put(new ByteArrayInputStream(content), remotePath, ChannelSftp.OVERWRITE);
          return null;
        });
  }

  /** Copies a local file to {@code remotePath}, creating its directories. */
  public void upload(Path local, String remotePath) {
    try {
      upload(Files.readAllBytes(local), remotePath);
    } catch (IOException e) {
      throw new ClusterException("cannot read " + local + " for upload: " + e.getMessage(), e);
    }
  }

  /** Creates a remote directory and its parents. */
  public void mkdirs(String remoteDir) {
    withSftp(
        "create " + remoteDir,
        s -> {
          mkdirs(s, remoteDir);
          return null;
        });
  }

  /** Copies a remote file to {@code local} (written to a temporary file, then moved). */
  public void download(String remotePath, Path local) {
    withSftp(
        "download " + remotePath,
        s -> {
          downloadFile(s, remotePath, local);
          return null;
        });
  }

  /** Copies a remote directory tree to {@code localDir}; returns the files copied. */
  public List<Path> downloadDirectory(String remoteDir, Path localDir) {
    return withSftp(
        "download " + remoteDir,
        s -> {
          List<Path> out = new ArrayList<>();
          copyTree(s, remoteDir, localDir, out);
          return out;
        });
  }

  /** The names in a remote directory (without . and ..); empty when it does not exist. */
  public List<String> list(String remoteDir) {
    return withSftp(
        "list " + remoteDir,
        s -> {
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
        });
  }

  /** True when the remote path exists. */
  public boolean exists(String remotePath) {
    return withSftp("stat " + remotePath, s -> stat(s, remotePath) != null);
  }

  /**
   * Reads at most {@code maxBytes} of {@code remotePath} from {@code offset}: the way to follow a
   * growing log or CSV. A missing file gives an empty chunk with {@code fileSize == -1}; a file
   * that shrank (rewritten) is read from 0 again — check {@link RemoteChunk#offset()}.
   */
  public RemoteChunk readFrom(String remotePath, long offset, int maxBytes) {
    if (offset < 0 || maxBytes < 0) {
      throw new IllegalArgumentException(
          "offset " + offset + " and maxBytes " + maxBytes + " must not be negative");
    }
    return withSftp(
        "read " + remotePath,
        s -> {
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
        });
  }

  @Override
  public void close() {
    closed = true;
    dropSession();
  }

  // ---- SFTP plumbing ------------------------------------------------------------------------

  private interface SftpWork<T> {
    T run(ChannelSftp sftp) throws SftpException, IOException;
  }

  private <T> T withSftp(String what, SftpWork<T> work) {
    roundTrips.incrementAndGet();
    synchronized (sftpLock) {
      for (int attempt = 1; ; attempt++) {
        ChannelSftp s;
        try {
          s = sftp();
        } catch (JSchException e) {
          if (attempt == 1) {
            dropSession();
            continue;
          }
          throw new ClusterException(profile.name() + ": cannot open SFTP: " + e.getMessage(), e);
        }
        try {
          return work.run(s);
        } catch (SftpException e) {
          if (isConnectionLoss(e) && attempt == 1) {
            LOG.info(
                "{}: SFTP lost its connection ({}), reconnecting", profile.name(), e.getMessage());
            dropSession();
            continue;
          }
          throw new ClusterException(
              profile.name() + ": cannot " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
          if (attempt == 1 && !isConnected()) {
            dropSession();
            continue;
          }
          throw new ClusterException(
              profile.name() + ": cannot " + what + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static boolean isConnectionLoss(SftpException e) {
    return e.id == ChannelSftp.SSH_FX_CONNECTION_LOST
        || e.id == ChannelSftp.SSH_FX_NO_CONNECTION
        || (e.getCause() instanceof IOException);
  }

  private ChannelSftp sftp() throws JSchException {
    Session s = session();
    synchronized (sessionLock) {
      if (sftp == null || sftp.isClosed() || !sftp.isConnected() || sftp.getSession() != s) {
        ChannelSftp c = (ChannelSftp) s.openChannel("sftp");
        c.connect((int) options.connectTimeout().toMillis());
        sftp = c;
      }
      return sftp;
    }
  }

  private static SftpATTRS stat(ChannelSftp s, String path) throws SftpException {
    try {
      return s.stat(path);
    } catch (SftpException e) {
      if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
        return null;
      }
      throw e;
    }
  }

  private static void mkdirs(ChannelSftp s, String dir) throws SftpException {
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

  private static String parent(String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    if (slash < 0) {
      return null;
    }
    return slash == 0 ? "/" : p.substring(0, slash);
  }

  private static void downloadFile(ChannelSftp s, String remote, Path local)
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

  private static void copyTree(ChannelSftp s, String remoteDir, Path localDir, List<Path> out)
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

  // ---- session management -------------------------------------------------------------------

  private Session session() {
    synchronized (sessionLock) {
      if (closed) {
        throw new ClusterException(profile.name() + ": the connection was closed");
      }
      if (session != null && session.isConnected()) {
        return session;
      }
      dropSessionLocked();
      ClusterException last = null;
      long delay = 500;
      for (int attempt = 1; attempt <= options.reconnectAttempts(); attempt++) {
        try {
          session = open();
          connects.incrementAndGet();
          if (attempt > 1 || connects.get() > 1) {
            LOG.info("{}: connected again (attempt {})", profile.name(), attempt);
          }
          return session;
        } catch (HostKeyException e) {
          throw e;
        } catch (ClusterException e) {
          last = e;
          if (e.getMessage() != null && e.getMessage().contains("Auth fail")) {
            throw e;
          }
          if (attempt < options.reconnectAttempts()) {
            LOG.info(
                "{}: connection attempt {} failed ({}); next in {} ms",
                profile.name(),
                attempt,
                e.getMessage(),
                delay);
            try {
              sessionLock.wait(delay);
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              throw new ClusterException(profile.name() + ": interrupted while reconnecting", ie);
            }
            delay = Math.min(delay * 2, 8000);
          }
        }
      }
      throw new ClusterException(
          profile.name()
              + ": cannot connect after "
              + options.reconnectAttempts()
              + " attempts: "
              + last.getMessage(),
          last);
    }
  }

  private void dropSession() {
    synchronized (sessionLock) {
      dropSessionLocked();
    }
  }

  private void dropSessionLocked() {
    if (sftp != null) {
      sftp.disconnect();
      sftp = null;
    }
    if (session != null) {
      session.disconnect();
      session = null;
    }
    if (jumpSession != null) {
      jumpSession.disconnect();
      jumpSession = null;
    }
  }

  private Session open() {
    ClusterProfile.Endpoint target = profile.resolve(options.sshConfig());
    Path knownHosts = knownHostsFile();
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
      jumpSession = jump;
      route = where;
      LOG.debug("{}: connected to {}", profile.name(), where);
      return s;
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

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
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
