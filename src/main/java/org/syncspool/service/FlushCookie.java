package org.syncspool.service;

import java.nio.charset.StandardCharsets;

/**
 * The names of flush cookies (Watchman's idea): files the daemon writes at the top of a root so
 * that their event, once it is in the journal, marks "everything before the flush". Workers drop
 * them like excluded paths, so they never reach a target.
 */
public final class FlushCookie {
  /** A dot-file, so a listing of the root hides it; pid and a counter make it unique. */
  public static final String PREFIX = ".syncspool-flush-";
  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

  private FlushCookie() {}

  /** True for a root-relative path that names a cookie (top level only: no '/'). */
  public static boolean is(byte[] path) {
    return is(path, 0, path.length);
  }

  public static boolean is(byte[] path, int off, int len) {
    if (len <= PREFIX_BYTES.length) {
      return false;
    }
    for (int i = 0; i < PREFIX_BYTES.length; i++) {
      if (path[off + i] != PREFIX_BYTES[i]) {
        return false;
      }
    }
    for (int i = PREFIX_BYTES.length; i < len; i++) {
      if (path[off + i] == '/') {
        return false;
      }
    }
    return true;
  }
}
