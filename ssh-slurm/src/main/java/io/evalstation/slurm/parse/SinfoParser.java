package io.evalstation.slurm.parse;

import io.evalstation.model.ClusterStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link ClusterStatus} from three outputs: {@code sinfo -h -N -o '%N|%T|%G'} (nodes,
 * states and configured GPUs), {@code scontrol show node -o} (allocated GPUs, {@code AllocTRES})
 * and {@code squeue -h -t PD,R,CG,CF,S -o '%T|%S|%b'} (jobs of all users).
 */
public final class SinfoParser {
  /** The sinfo {@code -o} format. */
  public static final String SINFO_FORMAT = "%N|%T|%G";

  /** The squeue {@code -o} format for the status. */
  public static final String SQUEUE_FORMAT = "%T|%S|%b";

  private static final Set<String> ACTIVE =
      Set.of("idle", "mixed", "allocated", "completing", "planned", "reserved");
  private static final Pattern NODE_NAME = Pattern.compile("(?:^|\\s)NodeName=(\\S+)");
  private static final Pattern ALLOC_TRES = Pattern.compile("(?:^|\\s)AllocTRES=(\\S*)");

  private SinfoParser() {}

  /** One node as sinfo lists it. */
  public record Node(String name, String state, boolean active, Map<String, Integer> gpusByType) {}

  /** Parses sinfo lines; a node listed in several partitions is counted once. */
  public static List<Node> nodes(String sinfo) {
    Map<String, Node> byName = new LinkedHashMap<>();
    String[] lines = sinfo.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\|", -1);
      if (f.length < 3) {
        throw new IllegalArgumentException(
            "sinfo line "
                + (i + 1)
                + " has "
                + f.length
                + " fields, expected 3 (%N|%T|%G): "
                + line);
      }
      String state = f[1].trim().toLowerCase(Locale.ROOT).replaceAll("[*~#!%$@^+-]+$", "");
      byName.putIfAbsent(
          f[0].trim(), new Node(f[0].trim(), state, ACTIVE.contains(state), gpus(f[2])));
    }
    return new ArrayList<>(byName.values());
  }

  /**
   * Parses a GRES list such as {@code gpu:h100:4(S:0-1),gpu:a100:2} or {@code gpu:8} into GPUs by
   * type ({@code gpu} when untyped).
   */
  public static Map<String, Integer> gpus(String gres) {
    Map<String, Integer> out = new TreeMap<>();
    if (SlurmText.isEmpty(gres)) {
      return out;
    }
    String noSockets = gres.replaceAll("\\([^)]*\\)", "");
    for (String entry : noSockets.split(",")) {
      String[] p = entry.trim().split(":");
      if (p.length == 0 || !(p[0].equals("gpu") || p[0].equals("gres/gpu"))) {
        continue;
      }
      try {
        if (p.length == 2) {
          out.merge("gpu", Integer.parseInt(p[1]), Integer::sum);
        } else if (p.length >= 3) {
          out.merge(p[1], Integer.parseInt(p[2]), Integer::sum);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("GRES entry '" + entry + "' has no GPU count", e);
      }
    }
    return out;
  }

  /** Allocated GPUs by node and type from {@code scontrol show node -o}. */
  public static Map<String, Map<String, Integer>> allocatedGpus(String scontrol) {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String line : scontrol.split("\n")) {
      Matcher n = NODE_NAME.matcher(line);
      if (!n.find()) {
        continue;
      }
      Matcher a = ALLOC_TRES.matcher(line);
      Map<String, Integer> typed = new TreeMap<>();
      int untyped = 0;
      if (a.find()) {
        for (Map.Entry<String, String> e : SlurmText.tres(a.group(1)).entrySet()) {
          String k = e.getKey();
          if (k.startsWith("gres/gpu:")) {
            typed.merge(
                k.substring("gres/gpu:".length()), Integer.parseInt(e.getValue()), Integer::sum);
          } else if (k.equals("gres/gpu")) {
            untyped = Integer.parseInt(e.getValue());
          }
        }
      }
      if (typed.isEmpty() && untyped > 0) {
        typed.put("gpu", untyped);
      }
      out.put(n.group(1), typed);
    }
    return out;
  }

  /** Joins the three outputs into a status. */
  public static ClusterStatus status(
      String sinfo, String scontrol, String squeue, Instant observedAt) {
    List<Node> nodes = nodes(sinfo);
    Map<String, Map<String, Integer>> alloc = allocatedGpus(scontrol);
    Map<String, int[]> pools = new TreeMap<>();
    int active = 0;
    for (Node node : nodes) {
      if (node.active()) {
        active++;
      }
      Map<String, Integer> used = alloc.getOrDefault(node.name(), Map.of());
      for (Map.Entry<String, Integer> g : node.gpusByType().entrySet()) {
        int[] p = pools.computeIfAbsent(g.getKey(), k -> new int[3]);
        int allocated = Math.min(g.getValue(), used.getOrDefault(g.getKey(), 0));
        p[0] += g.getValue();
        p[1] += allocated;
        if (node.active()) {
          p[2] += g.getValue() - allocated;
        }
      }
    }
    int running = 0;
    int pending = 0;
    Instant next = null;
    String[] lines = squeue.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\|", 3);
      if (f.length < 2) {
        throw new IllegalArgumentException(
            "squeue line " + (i + 1) + " is not " + SQUEUE_FORMAT + ": " + line);
      }
      switch (io.evalstation.model.JobState.parse(f[0])) {
        case PENDING, REQUEUED, CONFIGURING -> {
          pending++;
          Instant start = SlurmText.timestamp(f[1]);
          if (start != null && (next == null || start.isBefore(next))) {
            next = start;
          }
        }
        case RUNNING, COMPLETING -> running++;
        default -> {}
      }
    }
    List<ClusterStatus.GpuPool> gpus = new ArrayList<>();
    pools.forEach((type, p) -> gpus.add(new ClusterStatus.GpuPool(type, p[0], p[1], p[2])));
    return new ClusterStatus(observedAt, active, nodes.size(), gpus, running, pending, next);
  }
}
