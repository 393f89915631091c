package io.evalstation.slurm.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of an OpenSSH client configuration ({@code ~/.ssh/config}) that Evalstation honours:
 * {@code Host} blocks with {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile} and
 * {@code ProxyJump}. As in OpenSSH the first value found for a key wins, host patterns may use
 * {@code *}, {@code ?} and {@code !negation}, and {@code Match} blocks are skipped (their
 * conditions are not evaluated).
 */
public final class SshConfig {
  /** An empty configuration. */
  public static final SshConfig EMPTY = new SshConfig(List.of());

  private final List<Block> blocks;

  private record Block(List<String> patterns, Map<String, List<String>> values) {}

  /**
   * What the configuration says about one host; null fields are not set.
   *
   * @param hostName the real host name
   * @param user the login name
   * @param port the port
   * @param identityFiles keys, {@code ~} and {@code %h %u %p %%} expanded
   * @param proxyJump the jump host as written ({@code [user@]host[:port]}), or null
   */
  public record HostEntry(
      String hostName, String user, Integer port, List<Path> identityFiles, String proxyJump) {}

  private SshConfig(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** Reads {@code ~/.ssh/config}; an absent file gives {@link #EMPTY}. */
  public static SshConfig loadDefault() {
    Path file = Path.of(System.getProperty("user.home"), ".ssh", "config");
    return Files.isRegularFile(file) ? load(file) : EMPTY;
  }

  /** Reads a file; a line that cannot be read is named with the file and line number. */
  public static SshConfig load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ClusterException(
          "cannot read SSH configuration " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses configuration text; {@code source} names it in error messages. */
  public static SshConfig parse(String text, String source) {
    List<Block> blocks = new ArrayList<>();
    Block current = new Block(List.of("*"), new LinkedHashMap<>());
    blocks.add(current);
    boolean skipping = false;
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] kv = line.split("(\\s*=\\s*|\\s+)", 2);
      if (kv.length < 2 || kv[1].isBlank()) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": expected 'Keyword value', got '" + line + "'");
      }
      String key = kv[0].toLowerCase(Locale.ROOT);
      List<String> args = words(kv[1]);
      if (key.equals("host")) {
        current = new Block(args, new LinkedHashMap<>());
        blocks.add(current);
        skipping = false;
      } else if (key.equals("match")) {
        skipping = true;
      } else if (!skipping) {
        current.values().putIfAbsent(key, args);
      }
    }
    return new SshConfig(blocks);
  }

  /** What applies to {@code host} (the name the user typed, maybe an alias). */
  public HostEntry lookup(String host) {
    Map<String, List<String>> merged = new LinkedHashMap<>();
    List<Path> identities = new ArrayList<>();
    List<String> identityTexts = new ArrayList<>();
    for (Block b : blocks) {
      if (!matches(b.patterns(), host)) {
        continue;
      }
      b.values().forEach(merged::putIfAbsent);
      List<String> id = b.values().get("identityfile");
      if (id != null) {
        identityTexts.add(id.get(0)); // OpenSSH collects every IdentityFile
      }
    }
    String hostName = first(merged, "hostname").map(h -> h.replace("%h", host)).orElse(null);
    String user = first(merged, "user").orElse(null);
    Integer port = null;
    Optional<String> p = first(merged, "port");
    if (p.isPresent()) {
      try {
        port = Integer.parseInt(p.get());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "ssh config: Port '" + p.get() + "' for " + host + " is not a number", e);
      }
    }
    String realHost = hostName == null ? host : hostName;
    for (String t : identityTexts) {
      String expanded =
          t.replace("%%", "\u0000")
              .replace("%h", realHost)
              .replace("%u", user == null ? System.getProperty("user.name") : user)
              .replace("%p", String.valueOf(port == null ? 22 : port))
              .replace("%d", System.getProperty("user.home"))
              .replace("\u0000", "%");
      if (expanded.equals("~") || expanded.startsWith("~/")) {
        expanded = System.getProperty("user.home") + expanded.substring(1);
      }
      identities.add(Path.of(expanded));
    }
    String jump = first(merged, "proxyjump").filter(j -> !j.equalsIgnoreCase("none")).orElse(null);
    return new HostEntry(hostName, user, port, List.copyOf(identities), jump);
  }

  /** True when some {@code Host} block names {@code alias} without wildcards. */
  public boolean hasAlias(String alias) {
    return blocks.stream().anyMatch(b -> b.patterns().contains(alias));
  }

  private static Optional<String> first(Map<String, List<String>> m, String key) {
    List<String> v = m.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  private static boolean matches(List<String> patterns, String host) {
    boolean any = false;
    for (String p : patterns) {
      boolean negated = p.startsWith("!");
      String glob = negated ? p.substring(1) : p;
      if (glob(glob).matcher(host).matches()) {
        if (negated) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }
}
