package io.evalstation.slurm;

import io.evalstation.slurm.ssh.ClusterConnection;
import io.evalstation.slurm.ssh.ClusterException;
import io.evalstation.slurm.ssh.CommandResult;
import io.evalstation.slurm.ssh.RemoteChunk;
import io.evalstation.slurm.ssh.RemoteRead;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads several remote files from byte offsets in one SSH round trip, whatever their number: one
 * shell command that prints, per file, a marker line with the file's size (-1 when missing) and the
 * offset read from, then the bytes as base64 on one line (so byte offsets stay exact whatever the
 * encoding). A file smaller than its offset was rewritten and is read from 0.
 */
public final class RemoteReads {
  static final String MARK = "@@evalstation-file";

  private final ClusterConnection connection;

  /** Reads over {@code connection}. */
  public RemoteReads(ClusterConnection connection) {
    this.connection = connection;
  }

  /**
   * Reads every file in one command.
   *
   * @return one chunk per read, in order; a missing file gives a chunk with size -1
   */
  public List<RemoteChunk> readMany(List<RemoteRead> reads) {
    if (reads.isEmpty()) {
      return List.of();
    }
    CommandResult res = connection.exec(command(reads));
    res.requireSuccess("read monitored files");
    return parse(res.stdout(), reads.size());
  }

  /** The shell command reading {@code reads}; every path is checked and quoted. */
  static String command(List<RemoteRead> reads) {
    StringBuilder cmd = new StringBuilder("rd() { if [ -f \"$1\" ]; then s=$(stat -c %s \"$1\");");
    cmd.append(" o=$2; [ \"$o\" -gt \"$s\" ] && o=0; echo \"")
        .append(MARK)
        .append(" $s $o\";")
        .append(" tail -c +$((o+1)) \"$1\" | head -c \"$3\" | base64 -w0; echo;")
        .append(" else echo \"")
        .append(MARK)
        .append(" -1 $2\"; echo; fi; }; ");
    for (RemoteRead r : reads) {
      ShellQuote.requirePath("monitored file", r.path());
      cmd.append("rd ")
          .append(ShellQuote.quote(r.path()))
          .append(' ')
          .append(r.offset())
          .append(' ')
          .append(r.maxBytes())
          .append("; ");
    }
    return cmd.toString();
  }

  /** The chunks in the command's output; an error when there are not {@code expected} of them. */
  static List<RemoteChunk> parse(String stdout, int expected) {
    String[] lines = stdout.split("\n", -1);
    List<RemoteChunk> out = new ArrayList<>();
    for (int i = 0; i < lines.length && out.size() < expected; i++) {
      if (!lines[i].startsWith(MARK + " ")) {
        continue;
      }
      String[] f = lines[i].substring(MARK.length() + 1).trim().split(" ");
      long size = Long.parseLong(f[0]);
      long offset = Long.parseLong(f[1]);
      String b64 = i + 1 < lines.length ? lines[i + 1].trim() : "";
      byte[] data = size < 0 ? new byte[0] : Base64.getDecoder().decode(b64);
      out.add(new RemoteChunk(offset, data, size));
      i++;
    }
    if (out.size() != expected) {
      throw new ClusterException(
          "reading " + expected + " monitored file(s) gave " + out.size() + " answer(s)");
    }
    return out;
  }
}
