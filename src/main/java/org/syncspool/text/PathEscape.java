package org.syncspool.text;

import java.nio.charset.StandardCharsets;

/**
 * The one way a name is printed where people and programs read lines: logs, status, the change
 * list, {@code journal tail}, hook JSON's text fields (issue 10 item 6, docs/security.md). A
 * local user names files; a name with a newline and ESC forged {@code ERROR} lines through the
 * watcher's "cannot watch" and "cannot list" messages.
 *
 * <p>A path's bytes become one printable line: valid UTF-8 as it is, except that the escape
 * character itself is {@code \\} (so a name holding a backslash and an {@code n} never looks
 * like an escaped newline), a newline is {@code \n}, and every other byte of a C0 control,
 * DEL, a C1 control (U+0080..U+009F, in UTF-8 {@code c2 80..c2 9f}), a line or paragraph
 * separator (U+2028, U+2029), and a byte that is not part of valid UTF-8 is {@code \xNN}. Undoing
 * it gives back the exact bytes (names need not be UTF-8). Pure.
 */
public final class PathEscape {
  private PathEscape() {}

  /** {@code b[off, off+len)} as one printable line. */
  public static String escape(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len + 8);
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c == '\\') {
        sb.append("\\\\");
        i++;
      } else if (c == '\n') {
        sb.append("\\n");
        i++;
      } else if (c < 0x20 || c == 0x7f) {
        hex(sb, c);
        i++;
      } else if (c < 0x80) {
        sb.append((char) c);
        i++;
      } else {
        int n = utf8Length(b, i, end);
        if (n == 0) {
          hex(sb, c);
          i++;
        } else if (breaksLines(b, i, n)) {
          for (int k = 0; k < n; k++) {
            hex(sb, b[i + k] & 0xff);
          }
          i += n;
        } else {
          sb.append(new String(b, i, n, StandardCharsets.UTF_8));
          i += n;
        }
      }
    }
    return sb.toString();
  }

  /** All of {@code b}. */
  public static String escape(byte[] b) {
    return escape(b, 0, b.length);
  }

  /**
   * A name already decoded (a {@code Path}, an exception's message that carries one), escaped
   * as its UTF-8 bytes. A name the JVM decoded with replacement characters shows them as they
   * are: the bytes are gone by then; print byte paths with {@link #escape(byte[])} instead.
   */
  public static String text(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\' || (c >= 0x80 && c <= 0x9f) || c == '\u2028'
          || c == '\u2029' || Character.isSurrogate(c)) {
        return escape(s.getBytes(StandardCharsets.UTF_8));
      }
    }
    return s; // the common case allocates nothing
  }

  /** A C1 control or U+2028/U+2029: some terminals and log viewers end a line there. */
  private static boolean breaksLines(byte[] b, int i, int n) {
    int c = b[i] & 0xff;
    int d = b[i + 1] & 0xff;
    if (n == 2) {
      return c == 0xc2 && d <= 0x9f;
    }
    return n == 3 && c == 0xe2 && d == 0x80
        && ((b[i + 2] & 0xff) == 0xa8 || (b[i + 2] & 0xff) == 0xa9);
  }

  private static void hex(StringBuilder sb, int c) {
    sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
  }

  /**
   * The length of the well-formed UTF-8 sequence at {@code i} (Unicode table 3-7: no overlong
   * forms, no surrogates, nothing above U+10FFFF), or 0 when there is none.
   */
  static int utf8Length(byte[] b, int i, int end) {
    int c = b[i] & 0xff;
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c == 0xe0) {
        lo = 0xa0;
      } else if (c == 0xed) {
        hi = 0x9f;
      }
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c == 0xf0) {
        lo = 0x90;
      } else if (c == 0xf4) {
        hi = 0x8f;
      }
    } else {
      return 0;
    }
    if (i + n > end) {
      return 0;
    }
    for (int k = 1; k < n; k++) {
      int d = b[i + k] & 0xff;
      if (k == 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) {
        return 0;
      }
    }
    return n;
  }
}
