package org.syncspool.watch.inotify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * wd -> (root index, directory path relative to the root, as bytes), and per root the path ->
 * wd index that makes {@link #rename} and {@link #subtree} cost the size of the subtree, not of
 * the table (a directory rename at 1M watches scanned all of them).
 *
 * <p>The wd side is arrays indexed by wd, not a map: the kernel hands out small positive wds
 * (cyclically increasing per inotify instance), and the lookup is on the hot path. The path side
 * is one sorted map per root, keyed by the path bytes in unsigned order, so a directory's subtree
 * is its own key plus the contiguous range {@code [dir + "/", dir + "0")} ('0' follows '/').
 * Two live wds can share a path for a while (a directory deleted and made again before the old
 * wd's IN_IGNORED is read): the map's value is then an {@code int[]} of them, else an Integer.
 * Pure; written by one thread, {@link #size()} readable by any.
 */
final class WatchTable {
  private static final int[] NO_INTS = new int[0];

  private byte[][] paths = new byte[1024][];
  private int[] roots = new int[1024];
  private int[] marks = new int[1024];
  private int limit; // 1 + highest wd ever mapped: bound of removeUnmarked's scan
  /** Per root index: path -> Integer wd, or int[] wds when several share the path. */
  private final List<NavigableMap<byte[], Object>> byPath = new ArrayList<>();
  /** Live watches: the reader thread counts, any thread reads. */
  private final AtomicInteger size = new AtomicInteger();

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
    } else {
      unindex(wd);
    }
    paths[wd] = path;
    roots[wd] = root;
    index(wd);
    limit = Math.max(limit, wd + 1);
  }

  void remove(int wd) {
    if (contains(wd)) {
      unindex(wd);
      paths[wd] = null;
      marks[wd] = 0;
      size.decrementAndGet();
    }
  }

  /** Replaces the prefix {@code from} by {@code to} in the path of that directory and every one below it. */
  void rename(int fromRoot, byte[] from, int toRoot, byte[] to) {
    int[] moved = take(fromRoot, from);
    for (int wd : moved) {
      byte[] p = paths[wd];
      byte[] q = new byte[to.length + p.length - from.length];
      System.arraycopy(to, 0, q, 0, to.length);
      System.arraycopy(p, from.length, q, to.length, p.length - from.length);
      paths[wd] = q;
      roots[wd] = toRoot;
      index(wd);
    }
  }

  /** The wds of {@code path} and every directory below it, in wd order (a fresh array). */
  int[] subtree(int root, byte[] path) {
    NavigableMap<byte[], Object> m = map(root);
    if (m == null) {
      return NO_INTS;
    }
    int[] out = NO_INTS;
    int n = 0;
    if (path.length == 0) {
      for (Object v : m.values()) {
        out = append(out, n, v);
        n += count(v);
      }
    } else {
      Object self = m.get(path);
      if (self != null) {
        out = append(out, n, self);
        n += count(self);
      }
      for (Object v : below(m, path).values()) {
        out = append(out, n, v);
        n += count(v);
      }
    }
    if (n == 0) {
      return NO_INTS;
    }
    int[] r = n == out.length ? out : Arrays.copyOf(out, n);
    Arrays.sort(r);
    return r;
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

  /** Removes {@code dir}'s subtree from the path index (the wd side keeps it) and returns its wds. */
  private int[] take(int root, byte[] dir) {
    int[] wds = subtree(root, dir);
    NavigableMap<byte[], Object> m = map(root);
    if (m == null || wds.length == 0) {
      return wds;
    }
    if (dir.length == 0) {
      m.clear();
    } else {
      m.remove(dir);
      below(m, dir).clear();
    }
    return wds;
  }

  /** The strict descendants of {@code dir} (not empty) in {@code m}: keys in [dir/, dir0). */
  private static NavigableMap<byte[], Object> below(NavigableMap<byte[], Object> m, byte[] dir) {
    byte[] lo = Arrays.copyOf(dir, dir.length + 1);
    lo[dir.length] = '/';
    byte[] hi = Arrays.copyOf(dir, dir.length + 1);
    hi[dir.length] = '/' + 1;
    return m.subMap(lo, true, hi, false);
  }

  private void index(int wd) {
    NavigableMap<byte[], Object> m = mapFor(roots[wd]);
    m.merge(paths[wd], wd, WatchTable::union);
  }

  private void unindex(int wd) {
    NavigableMap<byte[], Object> m = map(roots[wd]);
    if (m == null) {
      return;
    }
    byte[] key = paths[wd];
    Object v = m.get(key);
    if (v instanceof Integer i) {
      if (i == wd) {
        m.remove(key);
      }
    } else if (v instanceof int[] a) {
      int[] rest = Arrays.stream(a).filter(x -> x != wd).toArray();
      if (rest.length == 1) {
        m.put(key, rest[0]);
      } else if (rest.length == 0) {
        m.remove(key);
      } else {
        m.put(key, rest);
      }
    }
  }

  private @Nullable NavigableMap<byte[], Object> map(int root) {
    return root < byPath.size() ? byPath.get(root) : null;
  }

  private NavigableMap<byte[], Object> mapFor(int root) {
    while (byPath.size() <= root) {
      byPath.add(new TreeMap<>(Arrays::compareUnsigned));
    }
    return byPath.get(root);
  }

  private static Object union(Object a, Object b) {
    int[] x = a instanceof int[] ia ? ia : new int[] {(Integer) a};
    int[] y = b instanceof int[] ib ? ib : new int[] {(Integer) b};
    int[] u = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, u, x.length, y.length);
    return u;
  }

  private static int count(Object v) {
    return v instanceof int[] a ? a.length : 1;
  }

  /** {@code out[0, n)} followed by the wd(s) of {@code v}, growing {@code out} when needed. */
  private static int[] append(int[] out, int n, Object v) {
    int k = count(v);
    int[] o = n + k <= out.length ? out : Arrays.copyOf(out, Math.max(16, Math.max(n + k,
        out.length * 2)));
    if (v instanceof int[] a) {
      System.arraycopy(a, 0, o, n, a.length);
    } else {
      o[n] = (Integer) v;
    }
    return o;
  }

  /** For tests: the number of paths in the index of {@code root}. */
  int indexedPaths(int root) {
    NavigableMap<byte[], Object> m = map(root);
    int n = 0;
    if (m != null) {
      for (Map.Entry<byte[], Object> e : m.entrySet()) {
        n += count(e.getValue());
      }
    }
    return n;
  }
}
