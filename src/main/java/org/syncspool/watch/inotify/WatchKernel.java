package org.syncspool.watch.inotify;

import java.io.IOException;

/**
 * What {@link Watches} asks of the kernel: the watches of one inotify instance and the
 * subdirectories of a directory. The seam that lets the watch bookkeeping be tested without the
 * kernel (src/test: {@code FakeInotify}, which also produces the events a real kernel would);
 * {@link SystemWatchKernel} is the real one. Paths are absolute, as bytes, without a NUL.
 */
interface WatchKernel {
  /** A subdirectory name, {@code name[off, off+len)}, reused after the call returns. */
  @FunctionalInterface
  interface NameVisitor {
    void name(byte[] name, int off, int len);
  }

  /**
   * inotify_add_watch: watches {@code dir}, or returns the watch it already has.
   *
   * @return the watch descriptor, or minus the errno (ENOENT, ENOTDIR, ENOSPC, ...)
   */
  int addWatch(byte[] dir);

  /** inotify_rm_watch; a watch the kernel already dropped is fine (EINVAL is ignored). */
  void removeWatch(int wd);

  /**
   * Calls {@code visitor} for each subdirectory of {@code dir} (symlinks are not followed, so a
   * link to a directory is not one).
   *
   * @throws java.nio.file.NoSuchFileException when {@code dir} is gone or not a directory
   */
  void listSubdirs(byte[] dir, NameVisitor visitor) throws IOException;

  /** A readable name for an errno. */
  String describe(int errno);
}
