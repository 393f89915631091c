package io.evalstation.app.cli;

import io.evalstation.app.AppContext;
import io.evalstation.app.service.ClusterService;
import io.evalstation.app.service.SlurmClusters;
import io.evalstation.model.ClusterStatus;
import io.evalstation.persistence.config.AppDirectories;
import io.evalstation.slurm.ssh.ClusterProfile;
import io.evalstation.slurm.ssh.ClusterProfiles;
import io.evalstation.slurm.ssh.HostKeyPrompt;
import io.evalstation.slurm.ssh.PassphrasePrompt;
import io.evalstation.slurm.ssh.SshOptions;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evalstation cluster add|list|status}: cluster profiles, stored in the config directory.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Cluster profiles and what a cluster offers now.",
    subcommands = {
      ClusterCommand.Add.class,
      ClusterCommand.ListProfiles.class,
      ClusterCommand.Status.class
    })
public final class ClusterCommand extends UsageCommand {

  static ClusterProfiles profiles() {
    return new ClusterProfiles(AppDirectories.forCurrentUser().config().resolve("clusters"));
  }

  /**
   * Shows an unknown host's SHA256 fingerprint and asks on the terminal; with {@code expected}
   * (from {@code --accept-host-key}) accepts exactly that fingerprint without asking.
   */
  static HostKeyPrompt terminalHostKeyPrompt(PrintWriter err, String expected) {
    return (host, keyType, fingerprint) -> {
      if (expected != null) {
        if (expected.equals(fingerprint)) {
          return true;
        }
        err.printf(
            "evalstation: the %s key of %s is %s, not %s (--accept-host-key): refused%n",
            keyType, host, fingerprint, expected);
        err.flush();
        return false;
      }
      err.printf(
          "The authenticity of host %s cannot be established.%n%s key fingerprint is %s.%n",
          host, keyType, fingerprint);
      err.flush();
      Console console = System.console();
      if (console == null) {
        err.printf(
            "evalstation: not on a terminal; to trust this key pass --accept-host-key %s%n",
            fingerprint);
        err.flush();
        return false;
      }
      String answer = console.readLine("Trust it and add it to known_hosts (yes/no)? ");
      return answer != null && answer.strip().equalsIgnoreCase("yes");
    };
  }

  /** Cluster questions (an unknown host key, a key's passphrase) are asked on this terminal. */
  static void askOnTerminal(AppContext ctx, PrintWriter err) {
    ctx.setClusterPrompts(terminalHostKeyPrompt(err, null), terminalPassphrasePrompt());
  }

  /** Asks for key passphrases on the terminal, when there is one. */
  static PassphrasePrompt terminalPassphrasePrompt() {
    return (key, attempt) -> {
      Console console = System.console();
      if (console == null) {
        return null;
      }
      return console.readPassword(
          attempt > 1 ? "Wrong passphrase; again for %s: " : "Passphrase for %s: ", key);
    };
  }

  static ClusterService service(PrintWriter err, String acceptHostKey, SlurmClusters[] out) {
    ClusterProfiles profiles = profiles();
    SlurmClusters clusters =
        new SlurmClusters(
            profiles,
            SshOptions.defaults(
                terminalHostKeyPrompt(err, acceptHostKey), terminalPassphrasePrompt()));
    out[0] = clusters;
    return new ClusterService(profiles, clusters);
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add (or replace) a cluster profile and connect once to check it.",
        "An unknown host key is shown (SHA256) and asked about; a changed key is refused."
      })
  static final class Add implements Runnable {
    @Parameters(paramLabel = "NAME", description = "The cluster's name in Evalstation.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--host", description = "Host name or address.")
      String host;

      @Option(
          names = "--ssh-alias",
          paramLabel = "ALIAS",
          description = "A Host of ~/.ssh/config (HostName, User, Port, IdentityFile, ProxyJump).")
      String alias;
    }

    @Option(names = "--port", description = "SSH port (default: ssh config, else 22).")
    int port;

    @Option(names = "--user", description = "Login (default: ssh config, else the local user).")
    String user;

    @Option(names = "--identity", paramLabel = "KEY", description = "Private key file.")
    Path identity;

    @Option(names = "--jump", paramLabel = "[USER@]HOST[:PORT]", description = "Jump host.")
    String jump;

    @Option(
        names = "--partition",
        defaultValue = "gpu",
        description = "SLURM partition (default: ${DEFAULT-VALUE}).")
    String partition;

    @Option(names = "--account", description = "SLURM account.")
    String account;

    @Option(names = "--qos", description = "SLURM QOS.")
    String qos;

    @Option(
        names = "--workdir",
        defaultValue = ClusterProfile.DEFAULT_REMOTE_DIR,
        description = "Remote work directory (default: ~/${DEFAULT-VALUE}).")
    String workdir;

    @Option(
        names = "--template",
        defaultValue = "lm-eval-vllm",
        description = "Job template (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(
        names = "--gpu-type",
        defaultValue = "h100",
        description = "GRES GPU type (default: ${DEFAULT-VALUE}).")
    String gpuType;

    @Option(
        names = "--harness",
        defaultValue = "lm_eval",
        description = "Harness command on the node (default: ${DEFAULT-VALUE}).")
    String harness;

    @Option(
        names = "--extra-path",
        paramLabel = "DIR",
        description = "Directory put first on PATH in jobs.")
    String extraPath;

    @Option(
        names = "--known-hosts",
        paramLabel = "FILE",
        description = "known_hosts to use (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(
        names = "--accept-host-key",
        paramLabel = "SHA256:...",
        description = "Trust the host's key if its fingerprint is exactly this (for scripts).")
    String acceptHostKey;

    @Option(names = "--no-connect", description = "Save without connecting.")
    boolean noConnect;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      ClusterProfile.Builder b =
          ClusterProfile.builder(name, target.host != null ? target.host : target.alias)
              .port(port)
              .user(user)
              .identityFile(identity)
              .jumpHost(jump)
              .partition(partition)
              .account(account)
              .qos(qos)
              .remoteWorkDir(workdir)
              .templateName(template)
              .gpuType(gpuType)
              .harnessCommand(harness)
              .extraPath(extraPath)
              .knownHostsFile(knownHosts);
      ClusterProfile profile = b.build();
      SlurmClusters[] clusters = new SlurmClusters[1];
      ClusterService service = service(spec.commandLine().getErr(), acceptHostKey, clusters);
      try {
        service.add(profile, !noConnect);
      } finally {
        clusters[0].close();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "cluster %s saved%s%n", name, noConnect ? " (not contacted)" : "; connection works");
      out.flush();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The cluster profiles.")
  static final class ListProfiles implements Runnable {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ClusterProfile p : profiles().list()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("host", p.host());
        m.put("port", p.port());
        m.put("user", p.user());
        m.put("partition", p.partition());
        m.put("account", p.account());
        m.put("qos", p.qos());
        m.put("workdir", p.remoteWorkDir());
        m.put("template", p.templateName());
        rows.add(m);
      }
      if (json) {
        Json.print(out, rows);
        return;
      }
      if (rows.isEmpty()) {
        out.println("no clusters; add one with: evalstation cluster add NAME --host HOST");
      }
      for (Map<String, Object> m : rows) {
        out.printf(
            "%-16s %s%s%s  partition %s%s%n",
            m.get("name"),
            m.get("user") == null ? "" : m.get("user") + "@",
            m.get("host"),
            ((int) m.get("port")) == 0 ? "" : ":" + m.get("port"),
            m.get("partition"),
            m.get("account") == null ? "" : ", account " + m.get("account"));
      }
      out.flush();
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Nodes, GPUs by type, running and pending jobs (sinfo/squeue).")
  static final class Status implements Runnable {
    @Parameters(paramLabel = "NAME", description = "The cluster.")
    String name;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      SlurmClusters[] clusters = new SlurmClusters[1];
      ClusterService service = service(spec.commandLine().getErr(), null, clusters);
      ClusterStatus s;
      try {
        s = service.status(name);
      } finally {
        clusters[0].close();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", name);
        m.put("observedAt", s.observedAt().toString());
        m.put("nodesActive", s.nodesActive());
        m.put("nodesTotal", s.nodesTotal());
        List<Map<String, Object>> gpus = new ArrayList<>();
        for (ClusterStatus.GpuPool g : s.gpus()) {
          gpus.add(
              Map.of(
                  "type",
                  g.type(),
                  "total",
                  g.total(),
                  "allocated",
                  g.allocated(),
                  "free",
                  g.free()));
        }
        m.put("gpus", gpus);
        m.put("runningJobs", s.runningJobs());
        m.put("pendingJobs", s.pendingJobs());
        m.put(
            "nextPendingStart",
            s.nextPendingStart() == null ? null : s.nextPendingStart().toString());
        Json.print(out, m);
        return;
      }
      out.printf("cluster %s: %d/%d node(s) active%n", name, s.nodesActive(), s.nodesTotal());
      for (ClusterStatus.GpuPool g : s.gpus()) {
        out.printf(
            "  gpu %-8s %d total, %d allocated, %d free%n",
            g.type(), g.total(), g.allocated(), g.free());
      }
      out.printf("  jobs: %d running, %d pending", s.runningJobs(), s.pendingJobs());
      if (s.nextPendingStart() != null) {
        out.printf("; next pending start %s", s.nextPendingStart());
      }
      out.println();
      out.flush();
    }
  }
}
