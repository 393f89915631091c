package io.evalstation.slurm.ssh;

import io.evalstation.model.Names;
import io.evalstation.slurm.ShellQuote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to reach one SLURM cluster and how to run jobs there. {@code host} may be just a {@code Host}
 * alias of {@code ~/.ssh/config}; see {@link #resolve(SshConfig)}.
 *
 * @param name the cluster's name in Evalstation (a safe name)
 * @param host a host name, an address or an ssh-config alias
 * @param port the SSH port, 0 for "from ssh config, else 22"
 * @param user the login, null for "from ssh config, else the local user"
 * @param identityFile the private key, null for "from ssh config, else the default keys"
 * @param jumpHost {@code [user@]host[:port]} to go through, null for "from ssh config, else none"
 * @param partition the SLURM partition
 * @param account the SLURM account, null for the user's default
 * @param qos the SLURM QOS, null for the default
 * @param remoteWorkDir where sessions go on the cluster, relative to the home directory or absolute
 * @param templateName the job template ({@code lm-eval-vllm}, {@code legacy-pipeline}, or a user's)
 * @param knownHostsFile the known_hosts to check against and add to, null for {@code
 *     ~/.ssh/known_hosts}
 * @param harnessCommand the command that starts lm-evaluation-harness on the node ({@code lm_eval})
 * @param gpuType the GRES type of the GPUs ({@code h100})
 * @param extraPath a directory put first on PATH in jobs, null for none (the local test cluster's
 *     stand-in nvidia-smi lives in one)
 * @param useAgent whether to offer the keys of a running ssh-agent
 */
public record ClusterProfile(
    String name,
    String host,
    int port,
    String user,
    Path identityFile,
    String jumpHost,
    String partition,
    String account,
    String qos,
    String remoteWorkDir,
    String templateName,
    Path knownHostsFile,
    String harnessCommand,
    String gpuType,
    String extraPath,
    boolean useAgent) {

  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})|\\[[0-9A-Fa-f:.]+\\]");
  private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
  private static final Pattern JUMP =
      Pattern.compile(
          "(?:([A-Za-z_][A-Za-z0-9_.-]*)@)?([A-Za-z0-9_][A-Za-z0-9_.-]*)(?::(\\d{1,5}))?");
  private static final Pattern COMMAND =
      Pattern.compile("[A-Za-z0-9_./+=-]+( [A-Za-z0-9_./+=-]+)*");

  /** Default remote directory: {@code evalstation} under the home directory. */
  public static final String DEFAULT_REMOTE_DIR = "evalstation";

  public ClusterProfile {
    Names.requireName("cluster name", name);
    if (host == null || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "cluster " + name + ": host '" + host + "' is not a host name, address or ssh alias");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("cluster " + name + ": port " + port + " is not 0..65535");
    }
    if (user != null && !USER.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "cluster " + name + ": user '" + user + "' is not a login name");
    }
    if (jumpHost != null && !JUMP.matcher(jumpHost).matches()) {
      throw new IllegalArgumentException(
          "cluster " + name + ": jump host '" + jumpHost + "' is not [user@]host[:port]");
    }
    Names.requireName("cluster " + name + ": partition", partition);
    if (account != null) {
      Names.requireName("cluster " + name + ": account", account);
    }
    if (qos != null) {
      Names.requireName("cluster " + name + ": qos", qos);
    }
    ShellQuote.requirePath("cluster " + name + ": remote work directory", remoteWorkDir);
    Names.requireName("cluster " + name + ": template", templateName);
    if (harnessCommand == null || !COMMAND.matcher(harnessCommand).matches()) {
      throw new IllegalArgumentException(
          "cluster "
              + name
              + ": harness command '"
              + harnessCommand
              + "' must be words of letters, digits and _ . / + = - separated by single spaces");
    }
    Names.requireName("cluster " + name + ": GPU type", gpuType);
    if (extraPath != null) {
      ShellQuote.requirePath("cluster " + name + ": extra PATH directory", extraPath);
    }
  }

  /** A profile with defaults for everything but the name, host and partition. */
  public static Builder builder(String name, String host) {
    return new Builder(name, host);
  }

  /** A copy to change a few fields. */
  public Builder toBuilder() {
    Builder b = new Builder(name, host);
    b.port = port;
    b.user = user;
    b.identityFile = identityFile;
    b.jumpHost = jumpHost;
    b.partition = partition;
    b.account = account;
    b.qos = qos;
    b.remoteWorkDir = remoteWorkDir;
    b.templateName = templateName;
    b.knownHostsFile = knownHostsFile;
    b.harnessCommand = harnessCommand;
    b.gpuType = gpuType;
    b.extraPath = extraPath;
    b.useAgent = useAgent;
    return b;
  }

  /**
   * Where to connect, after applying {@code ~/.ssh/config}: the profile's own values win, the
   * configuration fills the gaps, then OpenSSH's defaults.
   */
  public Endpoint resolve(SshConfig config) {
    SshConfig.HostEntry e = config.lookup(host);
    String realHost = e.hostName() != null ? e.hostName() : host;
    int realPort = port != 0 ? port : e.port() != null ? e.port() : 22;
    String realUser =
        user != null ? user : e.user() != null ? e.user() : System.getProperty("user.name");
    List<Path> ids = new ArrayList<>();
    if (identityFile != null) {
      ids.add(identityFile);
    } else if (!e.identityFiles().isEmpty()) {
      ids.addAll(e.identityFiles());
    } else {
      Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
      for (String k : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
        ids.add(ssh.resolve(k));
      }
    }
    String jumpText = jumpHost != null ? jumpHost : e.proxyJump();
    Endpoint jump = null;
    if (jumpText != null) {
      String firstHop = jumpText.split(",")[0];
      var m = JUMP.matcher(firstHop);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "cluster " + name + ": ProxyJump '" + jumpText + "' is not [user@]host[:port]");
      }
      SshConfig.HostEntry j = config.lookup(m.group(2));
      jump =
          new Endpoint(
              j.hostName() != null ? j.hostName() : m.group(2),
              m.group(3) != null ? Integer.parseInt(m.group(3)) : j.port() != null ? j.port() : 22,
              m.group(1) != null ? m.group(1) : j.user() != null ? j.user() : realUser,
              j.identityFiles().isEmpty() ? ids : j.identityFiles(),
              null);
    }
    return new Endpoint(realHost, realPort, realUser, List.copyOf(ids), jump);
  }

  /**
   * A resolved SSH destination.
   *
   * @param host the host to connect to
   * @param port its port
   * @param user the login
   * @param identityFiles the keys to try (those that exist)
   * @param jump the jump host, or null
   */
  public record Endpoint(
      String host, int port, String user, List<Path> identityFiles, Endpoint jump) {
    /** The name known_hosts uses: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
      return port == 22 ? host : "[" + host + "]:" + port;
    }
  }

  /** Builds a {@link ClusterProfile}; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private final String host;
    private int port;
    private String user;
    private Path identityFile;
    private String jumpHost;
    private String partition = "gpu";
    private String account;
    private String qos;
    private String remoteWorkDir = DEFAULT_REMOTE_DIR;
    private String templateName = "lm-eval-vllm";
    private Path knownHostsFile;
    private String harnessCommand = "lm_eval";
    private String gpuType = "h100";
    private String extraPath;
    private boolean useAgent = true;

    private Builder(String name, String host) {
      this.name = name;
      this.host = host;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder user(String v) {
      user = v;
      return this;
    }

    public Builder identityFile(Path v) {
      identityFile = v;
      return this;
    }

    public Builder jumpHost(String v) {
      jumpHost = v;
      return this;
    }

    public Builder partition(String v) {
      partition = v;
      return this;
    }

    public Builder account(String v) {
      account = v;
      return this;
    }

    public Builder qos(String v) {
      qos = v;
      return this;
    }

    public Builder remoteWorkDir(String v) {
      remoteWorkDir = v;
      return this;
    }

    public Builder templateName(String v) {
      templateName = v;
      return this;
    }

    public Builder knownHostsFile(Path v) {
      knownHostsFile = v;
      return this;
    }

    public Builder harnessCommand(String v) {
      harnessCommand = v;
      return this;
    }

    public Builder gpuType(String v) {
      gpuType = v;
      return this;
    }

    public Builder extraPath(String v) {
      extraPath = v;
      return this;
    }

    public Builder useAgent(boolean v) {
      useAgent = v;
      return this;
    }

    public ClusterProfile build() {
      return new ClusterProfile(
          name,
          host,
          port,
          user,
          identityFile,
          jumpHost,
          partition,
          account,
          qos,
          remoteWorkDir,
          templateName,
          knownHostsFile,
          harnessCommand,
          gpuType,
          extraPath,
          useAgent);
    }
  }
}
