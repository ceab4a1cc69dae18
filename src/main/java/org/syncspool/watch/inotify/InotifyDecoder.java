package org.syncspool.watch.inotify;

import static org.syncspool.watch.inotify.InotifyMask.*;

/**
 * Turns the bytes of inotify reads into calls on a {@link Handler}, pairing renames. Pure: no
 * kernel, no clock, no allocation per event (names are passed as array, offset, length and the
 * array is reused: copy what you keep).
 *
 * <p>Record layout (native = little endian here): {@code int wd; uint32 mask; uint32 cookie;
 * uint32 len; char name[len]} where {@code name} is NUL terminated and padded with NULs.
 *
 * <p>Renames: an IN_MOVED_FROM is held back until the next event. If that is the IN_MOVED_TO
 * with the same cookie, {@link Handler#moved} reports both; otherwise the FROM is reported as
 * {@link Handler#movedOut} before the next event. A FROM that ends a read buffer stays pending
 * (its name copied) across {@link #decode} calls until the next event or {@link #flushPending}.
 * An IN_MOVED_TO without its FROM is {@link Handler#movedIn}. Not thread-safe.
 */
public final class InotifyDecoder {
  /** Size of the fixed part of struct inotify_event. */
  public static final int HEADER = 16;

  /** Receives decoded events. {@code dir} is the IN_ISDIR flag. */
  public interface Handler {
    /** Any event but renames, IN_IGNORED and IN_Q_OVERFLOW; {@code mask} includes IN_ISDIR. */
    void event(int wd, int mask, int cookie, byte[] name, int off, int len);

    /** A rename whose two halves were both seen. */
    void moved(int fromWd, byte[] fromName, int fromOff, int fromLen,
               int toWd, byte[] toName, int toOff, int toLen, int cookie, boolean dir);

    /** An IN_MOVED_FROM with no IN_MOVED_TO: moved out of the watched tree. */
    void movedOut(int wd, byte[] name, int off, int len, int cookie, boolean dir);

    /** An IN_MOVED_TO with no IN_MOVED_FROM: moved in from outside. */
    void movedIn(int wd, byte[] name, int off, int len, int cookie, boolean dir);

    /** The watch is gone (rm_watch, directory deleted, unmounted). */
    void ignored(int wd);

    /** The kernel queue overflowed: events were lost. */
    void overflow();
  }

  private boolean pending;
  private int pendingWd;
  private int pendingCookie;
  private boolean pendingDir;
  private byte[] pendingName = new byte[256];
  private int pendingLen;

  /**
   * Decodes the whole records in {@code buf[off, off+len)}.
   *
   * @return bytes consumed; less than {@code len} only when the region ends in a truncated
   *     record (the kernel never returns one: the caller should log it)
   */
  public int decode(byte[] buf, int off, int len, Handler h) {
    int at = off;
    int end = off + len;
    while (end - at >= HEADER) {
      int wd = getInt(buf, at);
      int mask = getInt(buf, at + 4);
      int cookie = getInt(buf, at + 8);
      int nameSize = getInt(buf, at + 12);
      if (nameSize < 0 || nameSize > end - at - HEADER) {
        break;
      }
      int nameOff = at + HEADER;
      at = nameOff + nameSize;
      if ((mask & IN_Q_OVERFLOW) != 0 || wd == -1) {
        flushPending(h);
        h.overflow(); // no name to read: lost events are not ours to name
        continue;
      }
      int n = nameLength(buf, nameOff, nameSize);
      boolean dir = (mask & IN_ISDIR) != 0;
      if ((mask & IN_MOVED_TO) != 0 && pending && cookie == pendingCookie) {
        pending = false;
        h.moved(pendingWd, pendingName, 0, pendingLen, wd, buf, nameOff, n, cookie, dir);
        continue;
      }
      flushPending(h);
      if ((mask & IN_MOVED_FROM) != 0) {
        hold(wd, cookie, dir, buf, nameOff, n);
      } else if ((mask & IN_MOVED_TO) != 0) {
        h.movedIn(wd, buf, nameOff, n, cookie, dir);
      } else if ((mask & IN_IGNORED) != 0) {
        h.ignored(wd);
      } else {
        h.event(wd, mask, cookie, buf, nameOff, n);
      }
    }
    return at - off;
  }

  /** True while an IN_MOVED_FROM waits for its IN_MOVED_TO. */
  public boolean hasPending() {
    return pending;
  }

  /** Reports a waiting IN_MOVED_FROM as moved out. */
  public void flushPending(Handler h) {
    if (pending) {
      pending = false;
      h.movedOut(pendingWd, pendingName, 0, pendingLen, pendingCookie, pendingDir);
    }
  }

  private void hold(int wd, int cookie, boolean dir, byte[] buf, int off, int n) {
    if (n > pendingName.length) {
      pendingName = new byte[Math.max(n, pendingName.length * 2)];
    }
    System.arraycopy(buf, off, pendingName, 0, n);
    pendingLen = n;
    pendingWd = wd;
    pendingCookie = cookie;
    pendingDir = dir;
    pending = true;
  }

  private static int nameLength(byte[] buf, int off, int size) {
    int n = 0;
    while (n < size && buf[off + n] != 0) {
      n++;
    }
    return n;
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }
}
