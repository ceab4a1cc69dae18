package org.syncspool.rsync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * rsync filter rules as bytes, for the lists our runs read on stdin ({@code --exclude-from=-})
 * or from a merge file ({@code transfer.DeletionRules}): a second language beside the argv that
 * {@link RsyncCommand} builds, with its own escaping. Pure.
 */
public final class FilterRules {
  private FilterRules() {
  }

  /**
   * An rsync exclude rule matching exactly {@code path} (relative to the transfer root):
   * anchored with a leading slash; when the name holds a wildcard character, rsync treats
   * backslashes as escapes, so {@code * ? [} and backslash itself are escaped (verified by hand:
   * {@code - /a\*b} excludes {@code a*b} and not {@code aXb}).
   */
  public static byte[] exclude(byte[] path) {
    return rule('-', path, "");
  }

  /**
   * {@code SIGN /PATH SUFFIX} as a filter rule matching {@code path} literally: when the rule
   * holds a wildcard (in the name or in {@code suffix}, e.g. {@code "/*"}), the name's
   * {@code * ? [} and backslashes are escaped, since rsync then reads backslashes as escapes.
   */
  public static byte[] rule(char sign, byte[] path, String suffix) {
    boolean wild = suffix.indexOf('*') >= 0 || suffix.indexOf('?') >= 0
        || suffix.indexOf('[') >= 0;
    for (byte b : path) {
      if (b == '*' || b == '?' || b == '[') {
        wild = true;
        break;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(path.length + 8);
    out.write(sign);
    out.write(' ');
    out.write('/');
    for (byte b : path) {
      if (wild && (b == '*' || b == '?' || b == '[' || b == '\\')) {
        out.write('\\');
      }
      out.write(b);
    }
    if (path.length > 0 && !suffix.isEmpty()) {
      out.write('/');
    }
    out.writeBytes(suffix.startsWith("/") ? suffix.substring(1).getBytes(StandardCharsets.UTF_8)
        : suffix.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
