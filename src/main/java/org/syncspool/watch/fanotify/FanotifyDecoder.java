package org.syncspool.watch.fanotify;

import static org.syncspool.watch.fanotify.sys.FanConst.*;

/**
 * Turns the bytes of fanotify reads (a group made with {@code FAN_REPORT_DFID_NAME}) into calls
 * on a {@link Handler}. Pure: no kernel, no clock, no allocation; the handles and names are
 * passed as offsets into the caller's array.
 *
 * <p>Layout (native = little endian here): {@code struct fanotify_event_metadata {u32 event_len;
 * u8 vers; u8 reserved; u16 metadata_len; u64 mask; s32 fd; s32 pid;}} (24 bytes), then info
 * records up to {@code event_len}: {@code u8 info_type; u8 pad; u16 len;} and, for the file id
 * types, {@code fsid (8 bytes); struct file_handle {u32 handle_bytes; s32 handle_type;
 * f_handle[handle_bytes]}} followed, for the {@code *_NAME} types, by a NUL-terminated name.
 *
 * <p>A <em>fid</em> below is {@code fsid + file_handle}: what identifies a directory across the
 * file systems of one group. A name of "." (the kernel's way of saying "the directory itself")
 * and a record without a name are both passed as an empty name.
 */
public final class FanotifyDecoder {
  /** sizeof(struct fanotify_event_metadata). */
  public static final int METADATA = 24;
  /** Info header (4) + fsid (8) + handle_bytes and handle_type (8): the fixed part of a fid record. */
  static final int FID_FIXED = 20;

  /** Receives decoded events. */
  public interface Handler {
    /**
     * An event with one directory record: {@code name} is the entry in directory {@code fid},
     * empty when the event is about the directory itself. {@code mask} may hold several events
     * the kernel merged (same object, still queued): their order is lost.
     */
    void event(long mask, byte[] buf, int fidOff, int fidLen, int nameOff, int nameLen);

    /** A FAN_RENAME: the entry moved from {@code old} in one directory to {@code new}. */
    void renamed(long mask, byte[] buf, int oldFidOff, int oldFidLen, int oldNameOff,
                 int oldNameLen, int newFidOff, int newFidLen, int newNameOff, int newNameLen);

    /** FAN_Q_OVERFLOW: the queue was full, events were lost. */
    void overflow();

    /** An event this decoder cannot read (metadata version, no directory record): skipped. */
    void unreadable(long mask, int version);
  }

  /**
   * Decodes the whole events in {@code buf[off, off+len)}.
   *
   * @return bytes consumed; less than {@code len} only when the region ends in a truncated event
   *     (the kernel never returns one: the caller should log it)
   */
  public int decode(byte[] buf, int off, int len, Handler h) {
    int at = off;
    int end = off + len;
    while (end - at >= METADATA) {
      int eventLen = getInt(buf, at);
      if (eventLen < METADATA || eventLen > end - at) {
        break;
      }
      one(buf, at, eventLen, h);
      at += eventLen;
    }
    return at - off;
  }

  private void one(byte[] buf, int at, int eventLen, Handler h) {
    int version = buf[at + 4] & 0xff;
    long mask = getLong(buf, at + 8);
    if (version != FANOTIFY_METADATA_VERSION) {
      h.unreadable(mask, version);
      return;
    }
    if ((mask & FAN_Q_OVERFLOW) != 0) {
      h.overflow();
      return;
    }
    int end = at + eventLen;
    int rec = at + getShort(buf, at + 6);
    int fid = -1;
    int fidLen = 0;
    int name = 0;
    int nameLen = 0;
    int newFid = -1;
    int newFidLen = 0;
    int newName = 0;
    int newNameLen = 0;
    while (end - rec >= 4) {
      int type = buf[rec] & 0xff;
      int recLen = getShort(buf, rec + 2);
      if (recLen < 4 || recLen > end - rec) {
        break;
      }
      boolean fidType = type == FAN_EVENT_INFO_TYPE_DFID_NAME || type == FAN_EVENT_INFO_TYPE_DFID
          || type == FAN_EVENT_INFO_TYPE_FID || type == FAN_EVENT_INFO_TYPE_OLD_DFID_NAME
          || type == FAN_EVENT_INFO_TYPE_NEW_DFID_NAME;
      if (fidType && recLen >= FID_FIXED) {
        int handleBytes = getInt(buf, rec + 12);
        int fl = 8 + 8 + handleBytes;
        if (handleBytes >= 0 && 4 + fl <= recLen) {
          int n = rec + 4 + fl;
          int nl = nameLength(buf, n, rec + recLen, type);
          if (type == FAN_EVENT_INFO_TYPE_NEW_DFID_NAME) {
            newFid = rec + 4;
            newFidLen = fl;
            newName = n;
            newNameLen = nl;
          } else if (fid < 0) { // the first directory record (OLD_ for a rename)
            fid = rec + 4;
            fidLen = fl;
            name = n;
            nameLen = nl;
          }
        }
      }
      rec += recLen;
    }
    if (fid < 0) {
      h.unreadable(mask, version);
    } else if ((mask & FAN_RENAME) != 0 && newFid >= 0) {
      h.renamed(mask, buf, fid, fidLen, name, nameLen, newFid, newFidLen, newName, newNameLen);
    } else {
      h.event(mask, buf, fid, fidLen, name, nameLen);
    }
  }

  /** Length of the NUL-terminated name at {@code at} (0 for "." and for types without a name). */
  private static int nameLength(byte[] buf, int at, int end, int type) {
    if (type == FAN_EVENT_INFO_TYPE_DFID || type == FAN_EVENT_INFO_TYPE_FID) {
      return 0;
    }
    int n = 0;
    while (at + n < end && buf[at + n] != 0) {
      n++;
    }
    return n == 1 && buf[at] == '.' ? 0 : n;
  }

  static int getShort(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }

  static long getLong(byte[] b, int at) {
    return (getInt(b, at) & 0xffffffffL) | ((long) getInt(b, at + 4)) << 32;
  }
}
