package org.syncspool.verify;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * One line of the audit's rsync output, parsed. Pure. The audit asks rsync for
 * {@code --out-format=MARK%i %n}: a fixed marker (so {@code --stats} and a verbose
 * commonParams' lines are told apart), the 11-character itemize flags, a space, the name.
 * rsync writes a control byte in a name (newline included) as {@code \#ooo} (octal), a
 * non-printable byte likewise unless {@code -8}, and a backslash that would start such a
 * sequence as {@code \#134} (rsync log.c filtered_fwrite), so each line holds exactly one name
 * and unescaping gives its exact bytes. A directory's name ends in '/', the root is {@code ./}.
 *
 * @param flags the itemize string, e.g. {@code >f.st......} or {@code *deleting  }
 * @param path  the path's bytes relative to the root, without the trailing slash (root: empty)
 * @param dir   true when rsync printed a trailing slash
 */
// A parsed output line handed on as bytes (names need not be UTF-8): never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
public record ItemizedLine(String flags, byte[] path, boolean dir) {
  /** Starts every line the audit asked for; no other rsync output line starts so. */
  public static final String MARK = "syncspool-verify: ";
  /** The {@code --out-format} value. */
  public static final String OUT_FORMAT = MARK + "%i %n";
  private static final byte[] MARK_BYTES = MARK.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int FLAGS = 11;

  /** The line's bytes without the newline; null when it is not an itemized line. */
  public static ItemizedLine parse(byte[] line) {
    int m = MARK_BYTES.length;
    if (line.length < m + FLAGS + 2
        || !Arrays.equals(line, 0, m, MARK_BYTES, 0, m) || line[m + FLAGS] != ' ') {
      return null;
    }
    String flags = new String(line, m, FLAGS, java.nio.charset.StandardCharsets.US_ASCII);
    byte[] name = unescape(line, m + FLAGS + 1, line.length);
    boolean dir = name.length > 0 && name[name.length - 1] == '/';
    int len = dir ? name.length - 1 : name.length;
    if (len == 1 && name[0] == '.') {
      len = 0; // "./": the root
    }
    return new ItemizedLine(flags, Arrays.copyOf(name, len), dir);
  }

  /** {@code \#ooo} (three octal digits) becomes that byte; every other byte stays. */
  static byte[] unescape(byte[] s, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      if (s[i] == '\\' && i + 4 < to && s[i + 1] == '#' && octal(s[i + 2]) && octal(s[i + 3])
          && octal(s[i + 4])) {
        out.write(((s[i + 2] - '0') << 6) | ((s[i + 3] - '0') << 3) | (s[i + 4] - '0'));
        i += 4;
      } else {
        out.write(s[i]);
      }
    }
    return out.toByteArray();
  }

  private static boolean octal(byte b) {
    return b >= '0' && b <= '7';
  }

  /** True for a deletion on the target ({@code *deleting}). */
  public boolean deleting() {
    return flags.startsWith("*deleting");
  }

  /** True when every attribute column is '+': the path is new on the target. */
  public boolean created() {
    return flags.substring(2).chars().allMatch(c -> c == '+');
  }

  /** The file-type column: f, d, L (symlink), D (device), S (special). */
  public char type() {
    return flags.charAt(1);
  }
}
