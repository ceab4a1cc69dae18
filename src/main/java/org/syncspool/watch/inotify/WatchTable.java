package org.syncspool.watch.inotify;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * wd -> (root index, directory path relative to the root, as bytes). Arrays indexed by wd, not a
 * map: the kernel hands out small positive wds (cyclically increasing per inotify instance), and
 * the lookup is on the hot path. Memory grows with the highest wd seen, not with the number of
 * live watches. Pure; written by one thread, {@link #size()} readable by any.
 */
final class WatchTable {
  private static final int[] NO_INTS = new int[0];

  private byte[][] paths = new byte[1024][];
  private int[] roots = new int[1024];
  private int[] marks = new int[1024];
  private int limit; // 1 + highest wd ever mapped: bound of the scans
  /** Live watches: the reader thread counts, any thread reads. */
  private final AtomicInteger size = new AtomicInteger();
  private int[] scratch = new int[64];

  boolean contains(int wd) {
    return wd >= 0 && wd < paths.length && paths[wd] != null;
  }

  int root(int wd) {
    return roots[wd];
  }

  byte[] path(int wd) {
    return paths[wd];
  }

  int size() {
    return size.get();
  }

  /** Maps {@code wd}; a wd the kernel reused (or a directory watched again) is simply remapped. */
  void put(int wd, int root, byte[] path) {
    if (wd >= paths.length) {
      int n = Math.max(wd + 1, paths.length * 2);
      paths = Arrays.copyOf(paths, n);
      roots = Arrays.copyOf(roots, n);
      marks = Arrays.copyOf(marks, n);
    }
    if (paths[wd] == null) {
      size.incrementAndGet();
    }
    paths[wd] = path;
    roots[wd] = root;
    limit = Math.max(limit, wd + 1);
  }

  void remove(int wd) {
    if (contains(wd)) {
      paths[wd] = null;
      marks[wd] = 0;
      size.decrementAndGet();
    }
  }

  /** Replaces the prefix {@code from} by {@code to} in the path of that directory and every one below it. */
  void rename(int fromRoot, byte[] from, int toRoot, byte[] to) {
    for (int wd = 0; wd < limit; wd++) {
      byte[] p = paths[wd];
      if (p != null && roots[wd] == fromRoot && under(p, from)) {
        byte[] q = new byte[to.length + p.length - from.length];
        System.arraycopy(to, 0, q, 0, to.length);
        System.arraycopy(p, from.length, q, to.length, p.length - from.length);
        paths[wd] = q;
        roots[wd] = toRoot;
      }
    }
  }

  /** The wds of {@code path} and every directory below it (a fresh array). */
  int[] subtree(int root, byte[] path) {
    int n = 0;
    for (int wd = 0; wd < limit; wd++) {
      byte[] p = paths[wd];
      if (p != null && roots[wd] == root && under(p, path)) {
        if (n == scratch.length) {
          scratch = Arrays.copyOf(scratch, n * 2);
        }
        scratch[n++] = wd;
      }
    }
    return n == 0 ? NO_INTS : Arrays.copyOf(scratch, n);
  }

  void mark(int wd, int generation) {
    if (contains(wd)) {
      marks[wd] = generation;
    }
  }

  /** Removes every wd not marked with {@code generation}, telling {@code removed} about each. */
  void removeUnmarked(int generation, IntConsumer removed) {
    for (int wd = 0; wd < limit; wd++) {
      if (paths[wd] != null && marks[wd] != generation) {
        remove(wd);
        removed.accept(wd);
      }
    }
  }

  /** {@code p} equals {@code dir} or lies below it; everything lies below the root (empty). */
  static boolean under(byte[] p, byte[] dir) {
    if (dir.length == 0) {
      return true;
    }
    if (p.length < dir.length || (p.length > dir.length && p[dir.length] != '/')) {
      return false;
    }
    return Arrays.equals(p, 0, dir.length, dir, 0, dir.length);
  }
}
