package org.syncspool.watch.fanotify.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import jnr.constants.platform.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * The loaded {@link FanLibC} and thin wrappers over it. Each returns what the kernel returned
 * (a value, or -1 and {@link #errno()}); none decides what a failure means.
 */
public final class Sys {
  private Sys() {}

  public static final FanLibC C = LibraryLoader.create(FanLibC.class).load("c");
  private static final Runtime RUNTIME = Runtime.getRuntime(C);
  /** readlink(2) of /proc/self/fd/N: PATH_MAX. */
  private static final int PATH_MAX = 4096;

  public static Runtime runtime() {
    return RUNTIME;
  }

  /** errno of the last failed call on this thread. */
  public static int errno() {
    return RUNTIME.getLastError();
  }

  /** {@code "EPERM 1 (Operation not permitted)"}. */
  public static String describe(int errno) {
    Errno e = Errno.valueOf(errno);
    return (e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno" : e.name()) + " " + errno
        + (e == null ? "" : " (" + e.description() + ")");
  }

  /** {@code path} followed by a NUL. */
  public static byte[] cpath(byte[] path) {
    byte[] c = new byte[path.length + 1];
    System.arraycopy(path, 0, c, 0, path.length);
    return c;
  }

  /**
   * The f_fsid statfs(2) reports for {@code path} as the 8 bytes fanotify puts in its info
   * records (the two ints in native order), or null with errno set.
   */
  public static byte[] fsid(byte[] path) {
    byte[] st = new byte[120];
    if (C.statfs(cpath(path), st) != 0) {
      return null;
    }
    byte[] id = new byte[8];
    System.arraycopy(st, 56, id, 0, 8);
    return id;
  }

  /**
   * The target of {@code /proc/self/fd/N}: the path of an open fd, as bytes; null with errno set
   * when it cannot be read. {@code buf} (at least 4096 bytes) is scratch.
   */
  public static byte[] fdPath(int fd, byte[] buf) {
    byte[] link = ("/proc/self/fd/" + fd + "\0").getBytes(StandardCharsets.US_ASCII);
    long n = C.readlink(link, buf, Math.min(buf.length, PATH_MAX));
    if (n < 0) {
      return null;
    }
    byte[] p = new byte[(int) n];
    System.arraycopy(buf, 0, p, 0, (int) n);
    return p;
  }

  /** stx_nlink of an open fd (O_PATH is enough), or -1 with errno set. */
  public static long linkCount(int fd) {
    byte[] stx = new byte[256];
    if (C.statx(fd, new byte[] {0}, FanConst.AT_EMPTY_PATH, FanConst.STATX_NLINK, stx) != 0) {
      return -1;
    }
    return ByteBuffer.wrap(stx).order(ByteOrder.nativeOrder()).getInt(16) & 0xffffffffL;
  }

  /**
   * name_to_handle_at(2) of {@code path}: the {@code struct file_handle} bytes, or null with
   * errno set (EOPNOTSUPP: the file system cannot make handles).
   */
  public static byte[] handleOf(byte[] path) {
    byte[] h = new byte[8 + 128];
    ByteBuffer.wrap(h).order(ByteOrder.nativeOrder()).putInt(0, 128);
    int[] mountId = new int[1];
    if (C.name_to_handle_at(FanConst.AT_FDCWD, cpath(path), h, mountId, 0) != 0) {
      return null;
    }
    int len = ByteBuffer.wrap(h).order(ByteOrder.nativeOrder()).getInt(0);
    byte[] out = new byte[8 + len];
    System.arraycopy(h, 0, out, 0, out.length);
    return out;
  }
}
