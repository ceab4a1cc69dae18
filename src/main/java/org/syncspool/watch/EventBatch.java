package org.syncspool.watch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A reusable, growable buffer of events: what one inotify read became, and exactly the bytes of
 * one journal record. Paths are bytes relative to their root (never decoded: names need not be
 * UTF-8) without a leading slash; the root itself is the empty path.
 *
 * <p>Layout (little endian): {@code long timeMillis, int count}, then per event
 * {@code byte kind, byte flags, short root, int cookie, int length, length bytes}. The writer
 * side allocates nothing once the buffer has grown to the working size, so the watcher thread can
 * use it on its hot path.
 */
public final class EventBatch {
  public static final int HEADER = 12;
  public static final int EVENT_HEADER = 12;
  public static final int FLAG_DIR = 1;

  private byte[] buf;
  private int size = HEADER;
  private int count;

  public EventBatch() {
    this(64 * 1024);
  }

  public EventBatch(int initialCapacity) {
    buf = new byte[Math.max(initialCapacity, HEADER)];
  }

  /** Empties the batch and stamps it with the time the events were read. */
  public EventBatch reset(long timeMillis) {
    size = HEADER;
    count = 0;
    putLong(0, timeMillis);
    putInt(8, 0);
    return this;
  }

  public long timeMillis() {
    return getLong(0);
  }

  public int count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Appends an event whose path is {@code path[off, off+len)}. */
  public void add(EventKind kind, boolean dir, int root, int cookie, byte[] path, int off, int len) {
    int start = size;
    int at = reserve(len);
    writeHeader(start, kind, dir, root, cookie, len);
    System.arraycopy(path, off, buf, at, len);
  }

  /**
   * Appends an event for {@code dirPath + "/" + name[nameOff, nameOff+nameLen)}, or just the
   * name when {@code dirPath} is empty (the root), without building the joined path first.
   */
  public void addJoined(EventKind kind, boolean dir, int root, int cookie,
                        byte[] dirPath, byte[] name, int nameOff, int nameLen) {
    int len = dirPath.length == 0 ? nameLen : dirPath.length + 1 + nameLen;
    int start = size;
    int at = reserve(len);
    writeHeader(start, kind, dir, root, cookie, len);
    if (dirPath.length > 0) {
      System.arraycopy(dirPath, 0, buf, at, dirPath.length);
      buf[at + dirPath.length] = '/';
      at += dirPath.length + 1;
    }
    System.arraycopy(name, nameOff, buf, at, nameLen);
  }

  private int reserve(int len) {
    int need = size + EVENT_HEADER + len;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
    int at = size + EVENT_HEADER;
    size = need;
    count++;
    putInt(8, count);
    return at;
  }

  private void writeHeader(int at, EventKind kind, boolean dir, int root, int cookie, int len) {
    buf[at] = (byte) kind.code();
    buf[at + 1] = (byte) (dir ? FLAG_DIR : 0);
    buf[at + 2] = (byte) root;
    buf[at + 3] = (byte) (root >>> 8);
    putInt(at + 4, cookie);
    putInt(at + 8, len);
  }

  /** The raw record: {@code bytes()[0, size())}. */
  public byte[] bytes() {
    return buf;
  }

  public int size() {
    return size;
  }

  /** Replaces the content with a record read back from the journal. */
  public void load(byte[] src, int off, int len) {
    if (len < HEADER) {
      throw new IllegalArgumentException("journal record too short: " + len + " bytes");
    }
    if (len > buf.length) {
      buf = new byte[Math.max(len, buf.length * 2)];
    }
    System.arraycopy(src, off, buf, 0, len);
    size = len;
    count = getInt(8);
  }

  /** Makes room for {@code len} bytes and returns the array to fill from index 0, then call {@link #loaded(int)}. */
  public byte[] prepareLoad(int len) {
    if (len > buf.length) {
      buf = new byte[Math.max(len, buf.length * 2)];
    }
    return buf;
  }

  /** Completes {@link #prepareLoad(int)}. */
  public void loaded(int len) {
    if (len < HEADER) {
      throw new IllegalArgumentException("journal record too short: " + len + " bytes");
    }
    size = len;
    count = getInt(8);
  }

  /**
   * Why this record cannot be a batch we wrote, or null when it can: its count and lengths must
   * add up to its size exactly, every kind must be known, and no path may hold a NUL (rsync's
   * {@code --from0} list would split it) or start with '/'. A damaged journal record is found
   * here before any of it reaches a target (issue 10 item 5).
   */
  public @Nullable String problem() {
    if (size < HEADER) {
      return "record of " + size + " bytes is shorter than its header";
    }
    if (count < 0) {
      return "negative event count " + count;
    }
    int at = HEADER;
    for (int i = 0; i < count; i++) {
      if (size - at < EVENT_HEADER) {
        return "event " + i + " of " + count + " runs past the record's " + size + " bytes";
      }
      int code = buf[at] & 0xff;
      if (code >= EventKind.values().length) {
        return "event " + i + " has unknown kind " + code;
      }
      int len = getInt(at + 8);
      if (len < 0 || len > size - at - EVENT_HEADER) {
        return "event " + i + " has path length " + len + " past the record's " + size + " bytes";
      }
      int from = at + EVENT_HEADER;
      if (len > 0 && buf[from] == '/') {
        return "event " + i + " has an absolute path";
      }
      for (int j = from; j < from + len; j++) {
        if (buf[j] == 0) {
          return "event " + i + " has a NUL in its path";
        }
      }
      at = from + len;
    }
    return at == size ? null : (size - at) + " bytes after the last of " + count + " events";
  }

  /** Calls {@code visitor} for every event in order. The path array is shared: copy what you keep. */
  public void forEach(Visitor visitor) {
    int at = HEADER;
    for (int i = 0; i < count; i++) {
      int len = getInt(at + 8);
      int root = (buf[at + 2] & 0xff) | (buf[at + 3] & 0xff) << 8;
      visitor.event(EventKind.ofCode(buf[at]), (buf[at + 1] & FLAG_DIR) != 0, root,
          getInt(at + 4), buf, at + EVENT_HEADER, len);
      at += EVENT_HEADER + len;
    }
  }

  /** Receives one event of a batch. */
  @FunctionalInterface
  public interface Visitor {
    void event(EventKind kind, boolean dir, int root, int cookie, byte[] path, int off, int len);
  }

  /** For logs and test failures; decodes paths as UTF-8 with replacement. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("EventBatch[t=").append(timeMillis()).append(']');
    forEach((kind, dir, root, cookie, path, off, len) -> sb.append(' ').append(kind)
        .append(dir ? "/dir" : "").append('@').append(root).append(':')
        .append(new String(path, off, len, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  private void putInt(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
    buf[at + 2] = (byte) (v >>> 16);
    buf[at + 3] = (byte) (v >>> 24);
  }

  private int getInt(int at) {
    return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16
        | (buf[at + 3] & 0xff) << 24;
  }

  private void putLong(int at, long v) {
    putInt(at, (int) v);
    putInt(at + 4, (int) (v >>> 32));
  }

  private long getLong(int at) {
    return (getInt(at) & 0xffffffffL) | ((long) getInt(at + 4)) << 32;
  }
}
