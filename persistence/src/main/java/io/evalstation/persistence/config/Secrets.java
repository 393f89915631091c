package io.evalstation.persistence.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises passwords inside text that is about to be shown, logged or saved: a JDBC URL's {@code
 * password=} or {@code sslpassword=} parameter, a libpq keyword ({@code password='…'}), a {@code
 * user:password@} part. Evalstation never writes a password; what it prints passes through {@link
 * #redact}.
 */
public final class Secrets {
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)((?:ssl)?password\\s*=\\s*)('[^']*'|[^&;\\s]*)");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)[^/@\\s]*@");

  private Secrets() {}

  /** {@code text} with every password in it replaced by {@code ***}. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String r = PARAMETER.matcher(text).replaceAll("$1***");
    return USER_INFO.matcher(r).replaceAll("$1***@");
  }

  /** True when {@code text} holds a password (see {@link #redact}). */
  public static boolean containsSecret(String text) {
    return text != null
        && (!redact(text).equals(text) || !withoutPasswordParameters(text).equals(text));
  }

  /**
   * A URL without its password parameters (their names decoded, as the driver reads them), and
   * without the password of a {@code user:password@} part.
   */
  public static String withoutPasswordParameters(String url) {
    String s = USER_INFO.matcher(url).replaceAll("$1@").replace(":@", "@");
    int q = s.indexOf('?');
    if (q < 0) {
      return s;
    }
    List<String> kept = new ArrayList<>();
    boolean dropped = false;
    for (String param : s.substring(q + 1).split("&", -1)) {
      String key = URLDecoder.decode(param.split("=", 2)[0], StandardCharsets.UTF_8);
      if (key.toLowerCase(Locale.ROOT).contains("password")) {
        dropped = true;
      } else {
        kept.add(param);
      }
    }
    if (!dropped) {
      return s;
    }
    return s.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  /** True when {@code text} has a {@code user:password@} part. */
  public static boolean hasUserInfo(String text) {
    return text != null && USER_INFO.matcher(text).find();
  }
}
