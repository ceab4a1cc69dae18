package org.syncspool.verify;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Names as bytes, printed so that no two names look alike (names need not be UTF-8 and may hold
 * a newline). Pure.
 * <ul>
 *   <li>{@link #quoted}: the report's table. A name of printable UTF-8 without space, quote or
 *       backslash is printed as it is; any other is put in double quotes with C escapes
 *       ({@code \\ \" \n \t \r}, {@code \xHH} for any other control byte and for each byte
 *       that is not valid UTF-8). A bare name never starts with a quote, so the two forms
 *       cannot be confused.
 *   <li>{@link #json}: a JSON string literal. Valid UTF-8 is the name itself; a byte that is
 *       not part of valid UTF-8 becomes the lone surrogate U+DC80+byte (written as the JSON escape backslash, u, dc, XX),
 *       as Python's "surrogateescape" does, so {@code os.fsencode(json.loads(s))} gives the exact
 *       bytes back, and no valid name can produce such a string.
 * </ul>
 */
public final class PathText {
  private PathText() {}

  /** The root is "." in both forms. */
  public static String quoted(byte[] path) {
    if (path.length == 0) {
      return ".";
    }
    String s = strict(path);
    if (s != null && plain(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(path.length + 8).append('"');
    int i = 0;
    while (i < path.length) {
      int n = utf8Length(path, i);
      if (n == 0) {
        sb.append(String.format("\\x%02x", path[i] & 0xff));
        i++;
        continue;
      }
      if (n == 1) {
        char c = (char) path[i];
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          case '\r' -> sb.append("\\r");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              sb.append(String.format("\\x%02x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      } else {
        sb.append(new String(path, i, n, StandardCharsets.UTF_8));
      }
      i += n;
    }
    return sb.append('"').toString();
  }

  /** A JSON string literal, quotes included. */
  public static String json(byte[] path) {
    StringBuilder sb = new StringBuilder(path.length + 8).append('"');
    if (path.length == 0) {
      return sb.append(".\"").toString();
    }
    int i = 0;
    while (i < path.length) {
      int n = utf8Length(path, i);
      if (n == 0) {
        sb.append(String.format("\\udc%02x", path[i] & 0xff));
        i++;
        continue;
      }
      String cp = new String(path, i, n, StandardCharsets.UTF_8);
      for (int j = 0; j < cp.length(); j++) {
        char c = cp.charAt(j);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          case '\r' -> sb.append("\\r");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      i += n;
    }
    return sb.append('"').toString();
  }

  /** A plain JSON string literal for text we made (target names, messages). */
  public static String json(String s) {
    return json(s.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '"' || c == '\\' || (c >= 0x80 && c <= 0x9f)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes as UTF-8, or null when they are not valid UTF-8. */
  private static String strict(byte[] b) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer cb = d.decode(ByteBuffer.wrap(b));
      return cb.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The length of the valid UTF-8 sequence starting at {@code i} (1-4), or 0 when the byte there
   * does not start one (overlong forms, surrogates and values above U+10FFFF are invalid).
   */
  static int utf8Length(byte[] b, int i) {
    int c = b[i] & 0xff;
    if (c < 0x80) {
      return 1;
    }
    int n;
    int min;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + n > b.length) {
      return 0;
    }
    int cp = c & (0xff >> (n + 1));
    for (int k = 1; k < n; k++) {
      int x = b[i + k] & 0xff;
      if ((x & 0xc0) != 0x80) {
        return 0;
      }
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return 0;
    }
    return n;
  }
}
