package org.syncspool.watch.fanotify;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Directory fid (fsid + file handle, as fanotify reports it) → what the watcher knows of that
 * directory: its absolute path and where it lies relative to the roots. Bounded (least recently
 * used entries go first); a lookup allocates nothing. Pure: the paths come from the caller.
 *
 * <p>A cached path is right until the directory or one of its ancestors is renamed or deleted;
 * the watcher sees every such change on a filesystem mark and calls {@link #invalidate} with the
 * old path (and the new one), which drops that directory and everything cached below it. After
 * an overflow nothing is known: {@link #clear}.
 */
final class HandleCache {
  /** Not under any root. */
  static final int OUTSIDE = -1;
  /** Under a root, but the directory or an ancestor is excluded. */
  static final int EXCLUDED = -2;

  /**
   * What is known of one directory.
   *
   * @param abs  its absolute path (bytes, no trailing slash)
   * @param root index of the root it lies under, or {@link #OUTSIDE} or {@link #EXCLUDED}
   * @param rel  its path relative to that root (empty for the root itself); empty otherwise
   */
  @SuppressWarnings("ArrayRecordComponent") // paths are bytes; never compared as records
  record Dir(byte[] abs, int root, byte[] rel) {
    boolean synced() {
      return root >= 0;
    }
  }

  private final int capacity;
  private final Key probe = new Key();
  private final LinkedHashMap<Key, Dir> map;

  HandleCache(int capacity) {
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Dir> eldest) {
        return size() > HandleCache.this.capacity;
      }
    };
  }

  /** The directory of fid {@code buf[off, off+len)}, or null when not cached. */
  Dir get(byte[] buf, int off, int len) {
    return map.get(probe.of(buf, off, len));
  }

  /** Caches {@code dir} for fid {@code buf[off, off+len)} (the bytes are copied). */
  void put(byte[] buf, int off, int len, Dir dir) {
    Key k = new Key();
    k.of(Arrays.copyOfRange(buf, off, off + len), 0, len);
    map.put(k, dir);
  }

  /**
   * Drops the directory at {@code abs} and every cached directory below it.
   *
   * @return how many entries were dropped
   */
  int invalidate(byte[] abs) {
    int n = 0;
    for (Iterator<Dir> it = map.values().iterator(); it.hasNext(); ) {
      if (under(it.next().abs(), abs)) {
        it.remove();
        n++;
      }
    }
    return n;
  }

  void clear() {
    map.clear();
  }

  int size() {
    return map.size();
  }

  /** True when {@code path} is {@code dir} or lies below it. */
  static boolean under(byte[] path, byte[] dir) {
    if (path.length < dir.length
        || !Arrays.equals(path, 0, dir.length, dir, 0, dir.length)) {
      return false;
    }
    return path.length == dir.length || path[dir.length] == '/'
        || (dir.length > 0 && dir[dir.length - 1] == '/');
  }

  /** A byte range with a cached hash; the probe instance is reused for lookups. */
  private static final class Key {
    private byte[] b;
    private int off;
    private int len;
    private int hash;

    Key of(byte[] b, int off, int len) {
      this.b = b;
      this.off = off;
      this.len = len;
      int h = 1;
      for (int i = off; i < off + len; i++) {
        h = 31 * h + b[i];
      }
      this.hash = h;
      return this;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && k.len == len
          && Arrays.equals(b, off, off + len, k.b, k.off, k.off + k.len);
    }
  }
}
