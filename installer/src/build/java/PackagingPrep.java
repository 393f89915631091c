import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Build-time helper of the installer profile, run as a single-file program ({@code java
 * PackagingPrep.java OUT_DIR PROJECT_VERSION OS}):
 *
 * <ul>
 *   <li>draws Evalstation's icon (a rising bar chart with a trend line) as PNG, Windows ICO and
 *       macOS ICNS, so that no binary image has to be kept in the repository;
 *   <li>writes {@code version.args}, the {@code --app-version} jpackage takes, mapped from the
 *       Maven version: installers want plain numbers (0.1.0-SNAPSHOT becomes 0.1.0), and macOS
 *       refuses a bundle version whose first number is 0 (docs/adr/0060-packaging.md).
 * </ul>
 */
public final class PackagingPrep {
  private static final Pattern NUMERIC = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

  private PackagingPrep() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println(
          "usage: java PackagingPrep.java OUT_DIR PROJECT_VERSION linux|windows|mac");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    Path out = Path.of(args[0]);
    String os = args[2].toLowerCase(Locale.ROOT);
    Files.createDirectories(out.resolve("icons"));
    writeIcons(out.resolve("icons"));
    String version = packageVersion(args[1], os);
    Files.writeString(
        out.resolve("version.args"), "--app-version " + version + "\n", StandardCharsets.UTF_8);
    System.out.println("installer version " + version + " (from " + args[1] + ", " + os + ")");
  }

  /**
   * The numeric version an installer takes: the leading {@code major.minor.patch} of the Maven
   * version, qualifier dropped. On macOS a 0 major becomes 1 (CFBundleVersion must start with 1 or
   * more).
   */
  static String packageVersion(String mavenVersion, String os) {
    Matcher m = NUMERIC.matcher(mavenVersion);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "project version '" + mavenVersion + "' does not start with a number (expected 1.2.3)");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (os.equals("mac") && major == 0) {
      major = 1;
    }
    if (os.equals("windows") && (major > 255 || minor > 255 || patch > 65535)) {
      throw new IllegalArgumentException(
          "version " + mavenVersion + " is out of the MSI range (255.255.65535)");
    }
    return major + "." + minor + "." + patch;
  }

  private static void writeIcons(Path dir) throws IOException {
    Files.write(dir.resolve("evalstation.png"), png(draw(256)));
    Map<Integer, byte[]> ico = new LinkedHashMap<>();
    for (int size : new int[] {16, 24, 32, 48, 64, 256}) {
      ico.put(size, png(draw(size)));
    }
    Files.write(dir.resolve("evalstation.ico"), ico(ico));
    Map<String, byte[]> icns = new LinkedHashMap<>();
    icns.put("ic07", png(draw(128)));
    icns.put("ic08", png(draw(256)));
    icns.put("ic09", png(draw(512)));
    icns.put("ic10", png(draw(1024)));
    Files.write(dir.resolve("evalstation.icns"), icns(icns));
  }

  /**
   * The icon at {@code size} pixels, drawn as vectors at that size so that small ones stay sharp.
   */
  static BufferedImage draw(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      double s = size / 100.0; // draw on a 100 x 100 grid
      double inset = 4;
      g.setPaint(
          new GradientPaint(
              0,
              (float) (inset * s),
              new Color(0x2F6690),
              0,
              (float) ((100 - inset) * s),
              new Color(0x16324F)));
      g.fill(
          new RoundRectangle2D.Double(
              inset * s, inset * s, (100 - 2 * inset) * s, (100 - 2 * inset) * s, 36 * s, 36 * s));

      // Three bars of a leaderboard, rising left to right.
      double base = 80;
      double[] heights = {26, 40, 56};
      double barWidth = 16;
      double[] lefts = {20, 42, 64};
      g.setColor(new Color(0xE8F1F8));
      for (int i = 0; i < 3; i++) {
        g.fill(
            new RoundRectangle2D.Double(
                lefts[i] * s, (base - heights[i]) * s, barWidth * s, heights[i] * s, 4 * s, 4 * s));
      }

      // The trend over the bars, in amber, ending in a dot: the best run so far.
      List<double[]> points = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        points.add(new double[] {(lefts[i] + barWidth / 2) * s, (base - heights[i] - 10) * s});
      }
      Path2D.Double trend = new Path2D.Double();
      trend.moveTo(points.get(0)[0], points.get(0)[1]);
      for (int i = 1; i < points.size(); i++) {
        trend.lineTo(points.get(i)[0], points.get(i)[1]);
      }
      g.setColor(new Color(0xF6AE2D));
      g.setStroke(
          new BasicStroke(
              (float) Math.max(1, 5 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(trend);
      double r = 6.5 * s;
      double[] last = points.get(points.size() - 1);
      g.fill(new Ellipse2D.Double(last[0] - r, last[1] - r, 2 * r, 2 * r));
    } finally {
      g.dispose();
    }
    return img;
  }

  private static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      if (!ImageIO.write(img, "png", bytes)) {
        throw new IllegalStateException("no PNG writer in this JDK");
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Windows icon holding PNG images (supported since Windows Vista). */
  static byte[] ico(Map<Integer, byte[]> pngsBySize) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int count = pngsBySize.size();
    writeLe16(bytes, 0); // reserved
    writeLe16(bytes, 1); // type: icon
    writeLe16(bytes, count);
    int offset = 6 + 16 * count;
    for (Map.Entry<Integer, byte[]> e : pngsBySize.entrySet()) {
      int size = e.getKey();
      bytes.write(size >= 256 ? 0 : size); // width, 0 means 256
      bytes.write(size >= 256 ? 0 : size); // height
      bytes.write(0); // no palette
      bytes.write(0); // reserved
      writeLe16(bytes, 1); // colour planes
      writeLe16(bytes, 32); // bits per pixel
      writeLe32(bytes, e.getValue().length);
      writeLe32(bytes, offset);
      offset += e.getValue().length;
    }
    for (byte[] png : pngsBySize.values()) {
      bytes.write(png);
    }
    return bytes.toByteArray();
  }

  /** A macOS icon family holding PNG images (types ic07 to ic10: 128 to 1024 pixels). */
  static byte[] icns(Map<String, byte[]> pngsByType) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(body);
    for (Map.Entry<String, byte[]> e : pngsByType.entrySet()) {
      data.write(e.getKey().getBytes(StandardCharsets.US_ASCII));
      data.writeInt(8 + e.getValue().length);
      data.write(e.getValue());
    }
    data.flush();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    DataOutputStream header = new DataOutputStream(file);
    header.write("icns".getBytes(StandardCharsets.US_ASCII));
    header.writeInt(8 + body.size());
    header.write(body.toByteArray());
    header.flush();
    return file.toByteArray();
  }

  private static void writeLe16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xFF);
    out.write((v >>> 8) & 0xFF);
  }

  private static void writeLe32(ByteArrayOutputStream out, int v) {
    writeLe16(out, v & 0xFFFF);
    writeLe16(out, (v >>> 16) & 0xFFFF);
  }
}
