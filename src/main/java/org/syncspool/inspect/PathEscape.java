package org.syncspool.inspect;

/**
 * A path's bytes as one printable line: valid UTF-8 as it is, a backslash as {@code \\},
 * a newline as {@code \n}, other control characters, DEL and bytes that are not valid UTF-8 as
 * {@code \xNN}. Undoing it gives back the exact bytes (names need not be UTF-8). Pure.
 */
public final class PathEscape {
  private PathEscape() {}

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
        } else {
          sb.append(new String(b, i, n, java.nio.charset.StandardCharsets.UTF_8));
          i += n;
        }
      }
    }
    return sb.toString();
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
