package org.syncspool.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The names of flush cookies (Watchman's idea): files the daemon writes at the top of a root so
 * that their event, once it is in the journal, marks "everything before the flush". Workers drop
 * them like excluded paths, so they never reach a target.
 */
public final class FlushCookie {
  /** A dot-file, so a listing of the root hides it. */
  public static final String PREFIX = ".syncspool-flush-";
  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
  /**
   * Random bytes after the prefix: another user who writes the root cannot guess the next name
   * (the pid and a counter could be: docs/security.md), so cannot plant a link under it, nor
   * forge a cookie's event.
   */
  private static final int RANDOM_BYTES = 16;
  private static final int LENGTH = PREFIX_BYTES.length + 2 * RANDOM_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private FlushCookie() {}

  /** A fresh cookie name: the prefix and 32 lowercase hex digits. */
  public static String next() {
    byte[] b = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(b);
    return PREFIX + HexFormat.of().formatHex(b);
  }

  /**
   * True for a root-relative path that names a cookie: top level, the prefix and exactly 32
   * lowercase hex digits. A user's file that merely starts with the prefix is replicated.
   */
  public static boolean is(byte[] path) {
    return is(path, 0, path.length);
  }

  public static boolean is(byte[] path, int off, int len) {
    if (len != LENGTH) {
      return false;
    }
    for (int i = 0; i < PREFIX_BYTES.length; i++) {
      if (path[off + i] != PREFIX_BYTES[i]) {
        return false;
      }
    }
    for (int i = PREFIX_BYTES.length; i < len; i++) {
      byte c = path[off + i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
