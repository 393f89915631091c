package io.evalstation.slurm.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  private final SshOptions options;
  private final SshSessions sessions;
  private final Object sessionLock = new Object();
  private final Object sftpLock = new Object();
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicInteger connects = new AtomicInteger();
  private Session session;
  private Session jumpSession;
  private volatile String route;
  private ChannelSftp sftp;
  private volatile boolean closed;

  /** A connection that opens lazily, on the first command. */
  public ClusterConnection(ClusterProfile profile, SshOptions options) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.options = Objects.requireNonNull(options, "options");
    this.sessions = new SshSessions(profile, options);
  }

  /** The profile this connection serves. */
  public ClusterProfile profile() {
    return profile;
  }

  /** The known_hosts file checked and added to. */
  public Path knownHostsFile() {
    return SshSessions.knownHostsFile(profile, options);
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

  /** True once {@link #close} was called: the connection opens no more sessions. */
  public boolean isClosed() {
    return closed;
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
          SftpFiles.mkdirs(s, SftpFiles.parent(remotePath));
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
          SftpFiles.mkdirs(s, remoteDir);
          return null;
        });
  }

  /** Copies a remote file to {@code local} (written to a temporary file, then moved). */
  public void download(String remotePath, Path local) {
    withSftp(
        "download " + remotePath,
        s -> {
          SftpFiles.downloadFile(s, remotePath, local);
          return null;
        });
  }

  /** Copies a remote directory tree to {@code localDir}; returns the files copied. */
  public List<Path> downloadDirectory(String remoteDir, Path localDir) {
    return withSftp(
        "download " + remoteDir,
        s -> {
          List<Path> out = new ArrayList<>();
          SftpFiles.copyTree(s, remoteDir, localDir, out);
          return out;
        });
  }

  /** The names in a remote directory (without . and ..); empty when it does not exist. */
  public List<String> list(String remoteDir) {
    return withSftp(
        "list " + remoteDir,
        s -> {
          return SftpFiles.list(s, remoteDir);
        });
  }

  /** True when the remote path exists. */
  public boolean exists(String remotePath) {
    return withSftp("stat " + remotePath, s -> SftpFiles.stat(s, remotePath) != null);
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
    return withSftp("read " + remotePath, s -> SftpFiles.readFrom(s, remotePath, offset, maxBytes));
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
          SshSessions.Opened o = sessions.open();
          session = o.session();
          jumpSession = o.jump();
          route = o.route();
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

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
