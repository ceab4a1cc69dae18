package org.syncspool.watch.fanotify;

/** The seam between the translator and the kernel: a directory's fid to its path now. */
@FunctionalInterface
interface Resolver {
  /**
   * The absolute path of the directory with fid {@code buf[off, off+len)} as it is now, or null
   * when it cannot be opened any more (deleted: its parent's DELETE covers it).
   */
  byte[] path(byte[] buf, int off, int len);
}
