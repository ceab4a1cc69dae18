package org.syncspool.watch.inotify;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.constants.platform.Errno;

/** The loaded {@link LibC}, errno, and C path helpers. */
final class Native {
  private Native() {}

  static final LibC C = LibraryLoader.create(LibC.class).load("c");
  private static final Runtime RUNTIME = Runtime.getRuntime(C);

  static Runtime runtime() {
    return RUNTIME;
  }

  /** errno of the last failed call on this thread. */
  static int errno() {
    return RUNTIME.getLastError();
  }

  static String describe(int errno) {
    Errno e = Errno.valueOf(errno);
    return (e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno" : e.name()) + " " + errno
        + (e == null ? "" : " (" + e.description() + ")");
  }

  /** {@code path} followed by a NUL. */
  static byte[] cpath(byte[] path) {
    byte[] c = new byte[path.length + 1];
    System.arraycopy(path, 0, c, 0, path.length);
    return c;
  }

  /** {@code dir + "/" + rel + NUL}, or {@code dir + NUL} when {@code rel} is empty. */
  static byte[] cpath(byte[] dir, byte[] rel) {
    if (rel.length == 0) {
      return cpath(dir);
    }
    boolean slash = dir.length > 0 && dir[dir.length - 1] == '/';
    byte[] c = new byte[dir.length + (slash ? 0 : 1) + rel.length + 1];
    System.arraycopy(dir, 0, c, 0, dir.length);
    int at = dir.length;
    if (!slash) {
      c[at++] = '/';
    }
    System.arraycopy(rel, 0, c, at, rel.length);
    return c;
  }
}
